namespace Sharplet.Images;

// Go's path/filepath.Match for one path element (a registry host part has no '/'): '*' any run of
// characters, '?' one character, '[...]' a class with ranges and '^' negation, '\' escapes. A malformed
// pattern is an error (false from TryMatch), not a mismatch.
internal static class GlobMatch
{
    public static bool TryMatch(string pattern, string name, out bool matched)
    {
        matched = false;
        if (!IsWellFormed(pattern))
        {
            return false;
        }

        matched = Match(pattern, 0, name, 0);
        return true;
    }

    private static bool Match(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    // Collapse runs of stars, then try every split point.
                    while (p < pattern.Length && pattern[p] == '*')
                    {
                        p++;
                    }

                    if (p == pattern.Length)
                    {
                        return true;
                    }

                    for (var i = n; i <= name.Length; i++)
                    {
                        if (Match(pattern, p, name, i))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (n >= name.Length)
                    {
                        return false;
                    }

                    p++;
                    n++;
                    break;
                case '[':
                    if (n >= name.Length || !MatchClass(pattern, ref p, name[n]))
                    {
                        return false;
                    }

                    n++;
                    break;
                case '\\':
                    p++;
                    if (n >= name.Length || pattern[p] != name[n])
                    {
                        return false;
                    }

                    p++;
                    n++;
                    break;
                default:
                    if (n >= name.Length || pattern[p] != name[n])
                    {
                        return false;
                    }

                    p++;
                    n++;
                    break;
            }
        }

        return n == name.Length;
    }

    // p is at '['; leaves p after the closing ']'.
    private static bool MatchClass(string pattern, ref int p, char c)
    {
        p++;
        var negated = pattern[p] == '^';
        if (negated)
        {
            p++;
        }

        var matched = false;
        var first = true;
        while (first || pattern[p] != ']')
        {
            first = false;
            var lo = ClassChar(pattern, ref p);
            var hi = lo;
            if (pattern[p] == '-' && pattern[p + 1] != ']')
            {
                p++;
                hi = ClassChar(pattern, ref p);
            }

            matched |= lo <= c && c <= hi;
        }

        p++;
        return matched != negated;
    }

    private static char ClassChar(string pattern, ref int p)
    {
        if (pattern[p] == '\\')
        {
            p++;
        }

        return pattern[p++];
    }

    // Go reports ErrBadPattern for an unterminated class, an empty class, a trailing '\' or a bad range.
    private static bool IsWellFormed(string pattern)
    {
        for (var p = 0; p < pattern.Length; p++)
        {
            switch (pattern[p])
            {
                case '\\':
                    if (++p >= pattern.Length)
                    {
                        return false;
                    }

                    break;
                case '[':
                    p++;
                    if (p < pattern.Length && pattern[p] == '^')
                    {
                        p++;
                    }

                    var count = 0;
                    while (p < pattern.Length && (count == 0 || pattern[p] != ']'))
                    {
                        if (!ReadClassChar(pattern, ref p, out var lo))
                        {
                            return false;
                        }

                        if (p < pattern.Length && pattern[p] == '-' && p + 1 < pattern.Length && pattern[p + 1] != ']')
                        {
                            p++;
                            if (!ReadClassChar(pattern, ref p, out var hi) || hi < lo)
                            {
                                return false;
                            }
                        }

                        count++;
                    }

                    if (p >= pattern.Length || count == 0)
                    {
                        return false;
                    }

                    break;
                default:
                    break;
            }
        }

        return true;
    }

    private static bool ReadClassChar(string pattern, ref int p, out char c)
    {
        c = '\0';
        if (pattern[p] == '\\')
        {
            p++;
        }

        if (p >= pattern.Length)
        {
            return false;
        }

        c = pattern[p++];
        return true;
    }
}
