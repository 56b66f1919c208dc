using System.Buffers.Binary;

namespace CardFirmware.Provider.Sessions;

/// <summary>Three message slots as bytes (stored inboxes and replies): per slot present (1) ‖ length (4, big-endian) ‖ bytes.</summary>
public static class Slots
{
    public static byte[] Encode(byte[]?[] slots)
    {
        var b = new byte[slots.Sum(s => 1 + (s is null ? 0 : 4 + s.Length))];
        var at = 0;
        foreach (var s in slots)
        {
            b[at++] = (byte)(s is null ? 0 : 1);
            if (s is not null)
            {
                BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(at), s.Length);
                s.CopyTo(b, at + 4);
                at += 4 + s.Length;
            }
        }

        return b;
    }

    public static byte[]?[] Decode(byte[] b)
    {
        var slots = new byte[]?[3];
        var at = 0;
        for (var i = 0; i < 3; i++)
        {
            if (b[at++] == 1)
            {
                var n = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(at));
                slots[i] = b.AsSpan(at + 4, n).ToArray();
                at += 4 + n;
            }
        }

        return slots;
    }
}
