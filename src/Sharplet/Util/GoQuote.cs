using System.Globalization;
using System.Text;

namespace Sharplet.Util;

// Go's %q (strconv.Quote) for the messages upstream builds with it: hook failures quote the command's output,
// so a multi-line output stays on one line of the event.
internal static class GoQuote
{
    public static string Quote(string text)
    {
        var result = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\a': result.Append("\\a"); break;
                case '\b': result.Append("\\b"); break;
                case '\f': result.Append("\\f"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                case '\v': result.Append("\\v"); break;
                case < 0x20 or 0x7f:
                    result.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                default:
                    if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned)
                    {
                        result.Append(rune.Value > 0xffff
                            ? string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}"));
                    }
                    else
                    {
                        result.Append(rune.ToString());
                    }

                    break;
            }
        }

        return result.Append('"').ToString();
    }
}
