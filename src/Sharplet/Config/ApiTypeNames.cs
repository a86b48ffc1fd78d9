using System.Globalization;
using System.Text;

namespace Sharplet.Config;

// Drops the "Sharplet.Api." namespace from CLR type names in System.Text.Json's messages ("could not be converted
// to Sharplet.Api.PodSpec" -> "PodSpec"), exactly as Regex.Replace(text, @"Sharplet\.Api\.(\w+)", "$1") did:
// the prefix goes only when a word character follows, and the scan resumes after that word. Plain code rather than
// a Regex so the regex parser, interpreter and non-backtracking engine are not compiled into the native binary
// (a replacement pattern is parsed at run time, which kept them all rooted).
internal static class ApiTypeNames
{
    private const string Prefix = "Sharplet.Api.";

    public static string StripNamespace(string text)
    {
        var at = text.IndexOf(Prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var from = 0;
        while (at >= 0)
        {
            var word = at + Prefix.Length;
            var end = word;
            while (end < text.Length && IsWordChar(text[end]))
            {
                end++;
            }

            if (end == word)
            {
                // No word after the prefix: no match here; the regex would try again one character on.
                at = text.IndexOf(Prefix, at + 1, StringComparison.Ordinal);
                continue;
            }

            result.Append(text, from, at - from).Append(text, word, end - word);
            from = end;
            at = text.IndexOf(Prefix, end, StringComparison.Ordinal);
        }

        return result.Append(text, from, text.Length - from).ToString();
    }

    // .NET's \w: letters, non-spacing marks, decimal digits and connector punctuation (the joiners U+200C/U+200D
    // count only for \b, not for \w; ApiTypeNamesTests checks every char against the regex).
    private static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };
}
