using CardFirmware.Hal;
using CardFirmware.HalSim.Ble;
using CardFirmware.Host;

namespace CardFirmware.SimulatedCard;

/// <summary>The phone's end of a <see cref="SimBleLink"/> as an <see cref="ICardLink"/>; waits run the virtual clock.</summary>
public sealed class SimCardLink(SimBleLink link) : ICardLink
{
    /// <inheritdoc />
    public IClock Clock => link.Clock;

    /// <inheritdoc />
    public bool IsConnected => link.Phone.IsConnected;

    /// <inheritdoc />
    public int Mtu => link.Phone.Mtu;

    /// <inheritdoc />
    public bool TryWrite(byte[] packet, int offset, int count) =>
        link.Phone.IsConnected && link.Phone.Write(packet.AsSpan(offset, count).ToArray());

    /// <inheritdoc />
    public bool TryTakeNotification(out byte[] packet) => link.Phone.TryTakeNotification(out packet);

    /// <inheritdoc />
    public void WaitForActivity(int milliseconds) =>
        link.Clock.RunUntil(link.Clock.UptimeMilliseconds + milliseconds,
            () => link.Phone.PendingNotifications > 0 || !link.Phone.IsConnected);
}
