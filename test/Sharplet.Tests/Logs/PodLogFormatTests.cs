using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Sharplet.Tests.Logs;

// Every log line about a pod names it the same way, "pod {Namespace}/{Pod} ({PodUid})": `grep default/web` and
// `grep <uid>` both find all of them, and the JSON format carries namespace, pod and podUid as fields. Checked
// over every [LoggerMessage] of Sharplet.Core, so a new message cannot drift from the shape.
public sealed class PodLogFormatTests
{
    public const string Shape = "{Namespace}/{Pod} ({PodUid})";

    private static IEnumerable<(string Method, string Message, HashSet<string> Parameters)> Messages() =>
        typeof(Sharplet.Hosting.SharpletSettings).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => ($"{x.Method.DeclaringType!.Name}.{x.Method.Name}", x.Attribute!.Message,
                x.Method.GetParameters().Select(p => p.Name!.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)));

    [Fact]
    public void Assembly_HasLoggerMessages()
    {
        Messages().Count().ShouldBeGreaterThan(50, "the reflection must find the generated log methods, or the test below checks nothing");
    }

    [Fact]
    public void EveryMessageNamingAPod_UsesNamespaceNameAndUid()
    {
        var wrong = new List<string>();
        foreach (var (method, message, parameters) in Messages())
        {
            parameters.Contains("uid").ShouldBeFalse($"{method}: name the parameter podUid (\"{message}\")");
            if (parameters.Contains("pod"))
            {
                if (!parameters.Contains("podUid".ToLowerInvariant()) || !parameters.Contains("namespace") || !message.Contains(Shape, StringComparison.Ordinal))
                {
                    wrong.Add($"{method}: \"{message}\"");
                }
            }
            else if (parameters.Contains("poduid") && !message.Contains("pod UID {PodUid}", StringComparison.Ordinal))
            {
                // Only the UID is left (a pod directory or cgroup after a restart): say so.
                wrong.Add($"{method}: \"{message}\"");
            }
        }

        wrong.ShouldBeEmpty($"messages that name a pod must contain \"{Shape}\" (or \"pod UID {{PodUid}}\" when only the UID is known)");
    }
}
