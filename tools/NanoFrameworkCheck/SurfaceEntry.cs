namespace CardFirmware.NanoFrameworkCheck;

/// <summary>
/// One symbol line of the API surface: documentation-comment ID, accessibility, modifiers and
/// kind, and signature information (tab-separated columns 1 to 4; the flags column is not needed
/// to generate reference assemblies or to scan).
/// </summary>
public sealed class SurfaceEntry
{
    private SurfaceEntry(string id, string accessibility, string[] modifiers, string signature)
    {
        Id = id;
        Accessibility = accessibility;
        Modifiers = modifiers;
        Signature = signature;
    }

    /// <summary>The documentation-comment ID, e.g. <c>M:System.Math.Abs(System.Double)</c>.</summary>
    public string Id { get; }

    /// <summary><c>T</c>, <c>M</c>, <c>P</c>, <c>F</c> or <c>E</c>.</summary>
    public char Kind => Id[0];

    /// <summary>The ID without its kind prefix.</summary>
    public string Name => Id.Substring(2);

    /// <summary><c>public</c>, <c>protected</c> or <c>protected-internal</c>.</summary>
    public string Accessibility { get; }

    /// <summary>Modifiers followed by the kind word, e.g. <c>static extern method</c>.</summary>
    public IReadOnlyList<string> Modifiers { get; }

    /// <summary>The kind word: <c>class</c>, <c>method</c>, <c>property</c>, <c>enum-value</c>...</summary>
    public string KindWord => Modifiers[Modifiers.Count - 1];

    /// <summary>The signature column (<c>returns=... params=(...)</c>, <c>type=...</c>, <c>base=...</c>).</summary>
    public string Signature { get; }

    /// <summary>True when the modifiers include <paramref name="modifier"/>.</summary>
    public bool Has(string modifier) => Modifiers.Contains(modifier);

    /// <summary>The value of a <c>key=</c> word in the signature column, or null.</summary>
    public string? Field(string key)
    {
        var prefix = key + "=";
        int start;
        if (Signature.StartsWith(prefix, StringComparison.Ordinal))
        {
            start = 0;
        }
        else
        {
            var at = Signature.IndexOf(" " + prefix, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            start = at + 1;
        }

        start += prefix.Length;
        if (key == "params")
        {
            var close = MatchingClose(Signature, start);
            return Signature.Substring(start + 1, close - start - 1);
        }

        var end = Signature.IndexOf(' ', start);
        return end < 0 ? Signature.Substring(start) : Signature.Substring(start, end - start);
    }

    /// <summary>The property accessors, e.g. <c>get;set</c>, or null.</summary>
    public string? Accessors
    {
        get
        {
            var open = Signature.LastIndexOf(" {", StringComparison.Ordinal);
            return open < 0 ? null : Signature.Substring(open + 2).TrimEnd('}');
        }
    }

    /// <summary>
    /// The member's simple name and the text of its parameter list (without parentheses, null when
    /// the ID has none), e.g. <c>("Abs", "System.Double")</c>.
    /// </summary>
    public (string DeclaringType, string MemberName, string? Parameters) SplitMember()
    {
        var name = Name;
        var tilde = name.IndexOf('~');
        if (tilde >= 0)
        {
            name = name.Substring(0, tilde);
        }

        string? parameters = null;
        var open = name.IndexOf('(');
        if (open >= 0)
        {
            parameters = name.Substring(open + 1, name.Length - open - 2);
            name = name.Substring(0, open);
        }

        var dot = name.LastIndexOf('.');
        return (name.Substring(0, dot), name.Substring(dot + 1), parameters);
    }

    /// <summary>Every type name (documentation ID notation) the line's signature names.</summary>
    public IEnumerable<string> NamedTypes()
    {
        var names = new List<string>();
        foreach (var key in new[] { "base", "implements", "returns", "type", "underlying" })
        {
            var value = Field(key);
            if (value is not null)
            {
                names.AddRange(value.Split(',').Select(StripDecoration));
            }
        }

        var parameters = Field("params");
        if (parameters is not null)
        {
            names.AddRange(SplitTopLevel(parameters).Select(p => StripDecoration(ParameterType(p))));
        }

        return names.Where(n => n.Length > 0);
    }

    /// <summary>Splits a comma-separated list at commas outside braces and brackets.</summary>
    public static IReadOnlyList<string> SplitTopLevel(string list)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '{' or '[' or '(':
                    depth++;
                    break;
                case '}' or ']' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(list.Substring(start, i - start));
                    start = i + 1;
                    break;
            }
        }

        if (list.Length > 0)
        {
            parts.Add(list.Substring(start));
        }

        return parts;
    }

    /// <summary>The type part of a <c>params=</c> item (without <c>params </c>, <c>@out</c>, <c>=default</c>).</summary>
    public static string ParameterType(string parameter)
    {
        var type = parameter;
        if (type.StartsWith("params ", StringComparison.Ordinal))
        {
            type = type.Substring("params ".Length);
        }

        var equals = type.IndexOf('=');
        if (equals >= 0)
        {
            type = type.Substring(0, equals);
        }

        foreach (var suffix in new[] { "@ref", "@out", "@in" })
        {
            if (type.EndsWith(suffix, StringComparison.Ordinal))
            {
                return type.Substring(0, type.Length - suffix.Length) + "@";
            }
        }

        return type;
    }

    internal static SurfaceEntry Parse(string line)
    {
        var columns = line.Split('\t');
        if (columns.Length < 3)
        {
            throw new FormatException("surface line with fewer than 3 columns: " + line);
        }

        return new SurfaceEntry(
            columns[0],
            columns[1],
            columns[2].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            columns.Length > 3 ? columns[3] : "");
    }

    private static string StripDecoration(string type) => type.TrimEnd('@', '[', ']', '*').Split('{')[0];

    private static int MatchingClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        throw new FormatException("unbalanced parentheses in " + text);
    }
}
