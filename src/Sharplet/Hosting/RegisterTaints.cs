using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.Api.Validation;
using Sharplet.Util;

namespace Sharplet.Hosting;

// --register-with-taints and the config file's registerWithTaints: the taints the node is created with. Checked
// here as the API server's node validation would (key a qualified name, value a label value, an effect of
// NoSchedule/PreferNoSchedule/NoExecute, no key+effect twice), so a bad one stops Sharplet at start naming the
// flag or field instead of every registration being refused with 422.
internal static class RegisterTaints
{
    private static readonly string[] Effects = [TaintEffect.NoSchedule, TaintEffect.PreferNoSchedule, TaintEffect.NoExecute];

    // The flag's form, as upstream's taint parser reads it: comma-separated key=value:Effect or key:Effect.
    public static List<Taint> ParseFlag(string? value, string flag)
    {
        var taints = new List<Taint>();
        foreach (var spec in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = spec.Split(':');
            var keyValue = colon[0].Split('=');
            if (colon.Length != 2 || keyValue.Length > 2)
            {
                throw new ConfigException($"{flag}: \"{spec}\" is not key=value:Effect or key:Effect");
            }

            taints.Add(new Taint { Key = keyValue[0], Value = keyValue.Length == 2 ? keyValue[1] : null, Effect = colon[1] });
        }

        return Problem(taints) is { } problem ? throw new ConfigException($"{flag}: {problem}") : taints;
    }

    // The config file's form: a list of core/v1 Taint objects.
    public static List<Taint> ParseConfig(JsonNode value)
    {
        var taints = new List<Taint>();
        foreach (var item in value.AsArray())
        {
            var taint = new Taint();
            foreach (var (field, v) in item?.AsObject() ?? throw new FormatException("an entry is null"))
            {
                switch (field)
                {
                    case "key": taint.Key = v?.GetValue<string>() ?? string.Empty; break;
                    case "value": taint.Value = v?.GetValue<string>(); break;
                    case "effect": taint.Effect = v?.GetValue<string>() ?? string.Empty; break;
                    case "timeAdded": taint.TimeAdded = v is null ? null : DateTimeOffset.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture); break;
                    default: throw new FormatException($"unknown field \"{field}\" in a taint");
                }
            }

            taints.Add(taint);
        }

        // The config reader prefixes the file and the field.
        return Problem(taints) is { } problem ? throw new FormatException(problem) : taints;
    }

    private static string? Problem(List<Taint> taints)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var taint in taints)
        {
            var name = $"{taint.Key}={taint.Value}:{taint.Effect}";
            if (NameValidation.IsQualifiedName(taint.Key) is [var keyError, ..])
            {
                return $"taint {name}: key \"{taint.Key}\": {keyError}";
            }

            if (!string.IsNullOrEmpty(taint.Value) && NameValidation.IsValidLabelValue(taint.Value) is [var valueError, ..])
            {
                return $"taint {name}: value \"{taint.Value}\": {valueError}";
            }

            if (!Effects.Contains(taint.Effect, StringComparer.Ordinal))
            {
                return $"taint {name}: effect \"{taint.Effect}\" is not NoSchedule, PreferNoSchedule or NoExecute";
            }

            if (!seen.Add((taint.Key, taint.Effect)))
            {
                return $"taint {name}: key {taint.Key} with effect {taint.Effect} is given twice";
            }
        }

        return null;
    }
}
