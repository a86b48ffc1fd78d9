using System.Text;

namespace Sharplet.KubeClient;

/// <summary>Builds "?a=1&amp;b=2" with each value escaped; unset values are left out.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder text = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public override string ToString() => text.ToString();
}
