namespace CardFirmware.Fuzz;

/// <summary>
/// The inputs' container: a sequence of chunks, each a 2-byte big-endian length then that many
/// bytes (a short last chunk takes what is left), so one input can carry several packets,
/// messages or requests and the fuzzer can grow, shrink and reorder them.
/// </summary>
internal static class Chunks
{
    /// <summary>Largest chunk: a 2-byte length.</summary>
    public const int MaxChunk = 0xFFFF;

    /// <summary>Splits <paramref name="input"/> from <paramref name="offset"/> into chunks.</summary>
    public static List<byte[]> Split(byte[] input, int offset)
    {
        var chunks = new List<byte[]>();
        var at = offset;
        while (at < input.Length)
        {
            var length = at + 2 <= input.Length ? (input[at] << 8) | input[at + 1] : 0;
            at += 2;
            length = Math.Min(length, Math.Max(0, input.Length - at));
            chunks.Add(at < input.Length ? input.AsSpan(at, length).ToArray() : []);
            at += length;
        }

        return chunks;
    }

    /// <summary>Joins <paramref name="prefix"/> and <paramref name="chunks"/> in the format <see cref="Split"/> reads.</summary>
    public static byte[] Join(byte[] prefix, IEnumerable<byte[]> chunks)
    {
        var output = new MemoryStream();
        output.Write(prefix);
        foreach (var chunk in chunks)
        {
            if (chunk.Length > MaxChunk)
            {
                throw new ArgumentException("A chunk holds at most 65,535 bytes.", nameof(chunks));
            }

            output.WriteByte((byte)(chunk.Length >> 8));
            output.WriteByte((byte)chunk.Length);
            output.Write(chunk);
        }

        return output.ToArray();
    }
}
