namespace CardFirmware.HalSim.Ble;

/// <summary>
/// Timing and loss parameters of a simulated BLE connection. The model: the link layer runs
/// connection events every <see cref="ConnectionIntervalMs"/>; in each event each direction
/// carries up to <see cref="MaxPacketsPerEvent"/> link-layer data packets of up to
/// <see cref="PacketPayloadBytes"/> bytes. An ATT PDU of n value bytes (notification or write
/// command: 3 bytes of ATT header) plus the 4-byte L2CAP header is split over
/// ceil((n + 7) / <see cref="PacketPayloadBytes"/>) packets, and reaches the other side's
/// application <see cref="ExtraLatencyMs"/> after the event that carried its last packet.
///
/// The link layer acknowledges and retransmits every packet (Bluetooth Core 5.x, Vol 6, Part B,
/// 4.5.9), so a packet is never silently lost: loss shows up as a connection that stops and then
/// ends by supervision timeout. <see cref="DropProbability"/> and <see cref="DropAfterPackets"/>
/// model exactly that: the chosen packet and everything after it is never delivered, and both
/// ends see a disconnect <see cref="SupervisionTimeoutMs"/> later.
/// The figures of the presets and their sources are in hal-sim/README.md.
/// </summary>
public sealed record LinkProfile
{
    /// <summary>Connection interval in ms (Bluetooth allows 7.5 to 4000 in 1.25 ms steps).</summary>
    public double ConnectionIntervalMs { get; init; } = 15;

    /// <summary>Link-layer data packets per direction per connection event.</summary>
    public int MaxPacketsPerEvent { get; init; } = 4;

    /// <summary>Link-layer payload per packet: 27 without Data Length Extension, up to 251 with it.</summary>
    public int PacketPayloadBytes { get; init; } = 251;

    /// <summary>Host stack and OS delay added to every delivery, ms.</summary>
    public double ExtraLatencyMs { get; init; } = 5;

    /// <summary>Time from <see cref="PhoneCentral.Connect"/> to an open connection with its MTU exchanged, ms.</summary>
    public int ConnectSetupMs { get; init; } = 100;

    /// <summary>Supervision timeout, ms: how long after the last good packet a broken link is declared lost.</summary>
    public int SupervisionTimeoutMs { get; init; } = 5000;

    /// <summary>Probability that an ATT packet (either direction) starts a link loss.</summary>
    public double DropProbability { get; init; }

    /// <summary>If non-negative, the ATT packet with this 0-based index (counted over the link's life, both directions) starts a link loss; it fires once.</summary>
    public long DropAfterPackets { get; init; } = -1;

    /// <summary>Seed of the drop decisions.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Notifications the card's radio holds before <c>Notify</c> returns false.</summary>
    public int CardQueuePackets { get; init; } = 6;

    /// <summary>Write commands the phone's stack holds before <see cref="PhoneCentral.Write"/> returns false.</summary>
    public int PhoneQueuePackets { get; init; } = 16;

    /// <summary>
    /// An ESP32-S3 card and a current phone: 15 ms interval (Apple's minimum; Android's high
    /// priority gives 11.25-15 ms), 4 packets per event, Data Length Extension (251-byte packets),
    /// 5 ms of host latency, 5 s supervision timeout.
    /// </summary>
    public static LinkProfile Esp32ToPhone { get; } = new();

    /// <summary>A slow link: 30 ms interval, 2 packets per event, no Data Length Extension (27-byte packets), 10 ms host latency.</summary>
    public static LinkProfile Conservative { get; } = new()
    {
        ConnectionIntervalMs = 30,
        MaxPacketsPerEvent = 2,
        PacketPayloadBytes = 27,
        ExtraLatencyMs = 10,
    };

    /// <summary>The fastest link the model allows: 7.5 ms interval, 6 packets per event, 251-byte packets, no extra latency.</summary>
    public static LinkProfile Fast { get; } = new()
    {
        ConnectionIntervalMs = 7.5,
        MaxPacketsPerEvent = 6,
        PacketPayloadBytes = 251,
        ExtraLatencyMs = 0,
    };

    /// <summary>Link-layer packets one ATT PDU carrying <paramref name="valueBytes"/> bytes needs.</summary>
    public int PacketsFor(int valueBytes) => (valueBytes + 7 + PacketPayloadBytes - 1) / PacketPayloadBytes;

    /// <summary>
    /// Steady-state goodput of a stream of ATT PDUs of <paramref name="valueBytes"/> each, in bytes per
    /// second of value data: packets per second / packets per PDU x bytes per PDU.
    /// </summary>
    public double ThroughputBytesPerSecond(int valueBytes) =>
        MaxPacketsPerEvent * (1000.0 / ConnectionIntervalMs) / PacketsFor(valueBytes) * valueBytes;

    /// <summary>Throws if a field is out of its range.</summary>
    public void Validate()
    {
        if (ConnectionIntervalMs < 7.5 || ConnectionIntervalMs > 4000 || MaxPacketsPerEvent < 1
            || PacketPayloadBytes < 27 || PacketPayloadBytes > 251 || ExtraLatencyMs < 0 || ConnectSetupMs < 0
            || SupervisionTimeoutMs < 100 || DropProbability is < 0 or > 1 || CardQueuePackets < 1 || PhoneQueuePackets < 1)
        {
            throw new ArgumentException($"Link profile out of range: {this}");
        }
    }
}
