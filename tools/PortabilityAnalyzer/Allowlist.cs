using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CardFirmware.PortabilityAnalyzer;

/// <summary>
/// The set of documentation-comment IDs card code may use, read from the AdditionalFiles item
/// named <see cref="FileName"/>. Format: one ID per line; blank lines and lines starting with
/// '#' are ignored; surrounding whitespace is trimmed; duplicates are harmless.
/// </summary>
internal static class Allowlist
{
    /// <summary>The file name the analyzer looks for among the AdditionalFiles.</summary>
    public const string FileName = "nanoframework-allowlist.txt";

    /// <summary>The IDs of the first matching additional file, or null when there is none.</summary>
    public static HashSet<string>? Load(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            if (!string.Equals(Path.GetFileName(file.Path), FileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = file.GetText(cancellationToken);
            return text is null ? new HashSet<string>(StringComparer.Ordinal) : Parse(text);
        }

        return null;
    }

    /// <summary>Parses allowlist text into its set of IDs.</summary>
    public static HashSet<string> Parse(SourceText text)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Lines)
        {
            var entry = line.ToString().Trim();
            if (entry.Length == 0 || entry[0] == '#')
            {
                continue;
            }

            ids.Add(entry);
        }

        return ids;
    }
}
