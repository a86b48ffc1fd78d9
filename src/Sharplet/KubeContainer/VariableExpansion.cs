using System.Text;

namespace Sharplet.KubeContainer;

// Kubernetes' $(VAR_NAME) expansion for command, args and env values: a defined variable is replaced, "$$"
// escapes a dollar, and a reference to an undefined variable stays as written.
internal static class VariableExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var result = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                result.Append(c);
                i++;
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i += 2;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is var close && close > 0)
            {
                var name = input[(i + 2)..close];
                result.Append(lookup(name) ?? input[i..(close + 1)]);
                i = close + 1;
            }
            else
            {
                result.Append(c);
                i++;
            }
        }

        return result.ToString();
    }
}
