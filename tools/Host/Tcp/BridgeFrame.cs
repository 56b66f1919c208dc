namespace CardFirmware.Host.Tcp;

/// <summary>
/// The loopback bridge's wire format: each frame is <c>type (1) | length (2, big-endian) | payload</c>.
/// Phone to bridge: <see cref="Connect"/> (payload: requested ATT MTU, 2 bytes big-endian),
/// <see cref="Write"/> (one ATT write value), <see cref="Disconnect"/> (empty).
/// Bridge to phone: <see cref="Connected"/> (negotiated MTU, 2 bytes), <see cref="Notification"/>
/// (one notification value), <see cref="Disconnected"/> and <see cref="ConnectFailed"/> (empty).
/// A payload is at most <see cref="MaxPayload"/> bytes; anything else closes the TCP connection.
/// </summary>
public static class BridgeFrame
{
    /// <summary>Phone asks to connect.</summary>
    public const byte Connect = 0x01;

    /// <summary>Phone writes one packet to the card's write characteristic.</summary>
    public const byte Write = 0x02;

    /// <summary>Phone disconnects.</summary>
    public const byte Disconnect = 0x03;

    /// <summary>The connection opened.</summary>
    public const byte Connected = 0x81;

    /// <summary>The card notified one packet.</summary>
    public const byte Notification = 0x82;

    /// <summary>The connection ended.</summary>
    public const byte Disconnected = 0x83;

    /// <summary>The card was not advertising.</summary>
    public const byte ConnectFailed = 0x84;

    /// <summary>The largest payload: one ATT value at MTU 517.</summary>
    public const int MaxPayload = 514;

    /// <summary>Writes one frame to <paramref name="stream"/>.</summary>
    public static void WriteFrame(Stream stream, byte type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayload)
        {
            throw new ArgumentException("Bridge payload too long.", nameof(payload));
        }

        var frame = new byte[3 + payload.Length];
        frame[0] = type;
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        payload.CopyTo(frame.AsSpan(3));
        stream.Write(frame);
        stream.Flush();
    }

    /// <summary>Reads one frame; returns false at end of stream. Throws <see cref="InvalidDataException"/> for an oversized frame.</summary>
    public static bool TryReadFrame(Stream stream, out byte type, out byte[] payload)
    {
        var header = new byte[3];
        type = 0;
        payload = [];
        if (!ReadExactly(stream, header))
        {
            return false;
        }

        var length = (header[1] << 8) | header[2];
        if (length > MaxPayload)
        {
            throw new InvalidDataException("Bridge frame too long.");
        }

        type = header[0];
        payload = new byte[length];
        return ReadExactly(stream, payload);
    }

    private static bool ReadExactly(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
