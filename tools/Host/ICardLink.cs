using CardFirmware.Hal;

namespace CardFirmware.Host;

/// <summary>
/// The phone's view of a BLE connection to a card: write-without-response packets to the card's
/// write characteristic, notifications back, and a way to let time pass. Implemented over the
/// simulated link (SimulatedCard's <c>SimCardLink</c>) and over the loopback TCP bridge (<see cref="Tcp.TcpCardLink"/>).
/// </summary>
public interface ICardLink
{
    /// <summary>The clock on which waits and the reassembly timeout are measured.</summary>
    IClock Clock { get; }

    /// <summary>True while connected.</summary>
    bool IsConnected { get; }

    /// <summary>The negotiated ATT MTU.</summary>
    int Mtu { get; }

    /// <summary>Sends one packet (at most MTU - 3 bytes); false if the stack's queue is full (retry later).</summary>
    bool TryWrite(byte[] packet, int offset, int count);

    /// <summary>Takes the oldest notification received, if any.</summary>
    bool TryTakeNotification(out byte[] packet);

    /// <summary>Lets up to <paramref name="milliseconds"/> pass, returning early when a notification arrives or the link drops.</summary>
    void WaitForActivity(int milliseconds);
}
