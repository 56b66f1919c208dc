using CardFirmware.HalSim.Time;

namespace CardFirmware.HalSim.Ble;

/// <summary>
/// A simulated BLE connection between the card (<see cref="Card"/>, the firmware's
/// <see cref="CardFirmware.Hal.IBlePeripheral"/>) and a phone (<see cref="Phone"/>), timed on a
/// <see cref="VirtualClock"/> by a <see cref="LinkProfile"/>.
///
/// Invariants: delivery is in order in each direction; every event (connection changes, writes to
/// the card, notifications to the phone) runs on the simulation thread at its scheduled virtual
/// time; nothing is delivered after the disconnect event of its connection; an ATT packet is
/// either delivered whole or the connection it was sent on ends (no silent loss).
/// Framing of messages larger than one ATT payload belongs to the layer above.
/// </summary>
public sealed class SimBleLink
{
    /// <summary>Smallest ATT MTU (Bluetooth Core Vol 3, Part F, 3.2.8).</summary>
    public const int MinimumMtu = 23;

    /// <summary>Largest ATT MTU: an attribute value is at most 512 bytes, plus the 5-byte header of the longest PDU that carries it.</summary>
    public const int MaximumMtu = 517;

    private readonly Random _drops;
    private long _packetsSent;
    private bool _dropAfterFired;

    /// <summary>Creates a link on <paramref name="clock"/>; the card accepts an MTU of up to <paramref name="cardMaxMtu"/>.</summary>
    public SimBleLink(VirtualClock clock, LinkProfile? profile = null, int cardMaxMtu = MaximumMtu)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(cardMaxMtu, MinimumMtu);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cardMaxMtu, MaximumMtu);
        Profile = profile ?? LinkProfile.Esp32ToPhone;
        Profile.Validate();
        Clock = clock;
        CardMaxMtu = cardMaxMtu;
        _drops = new Random(Profile.Seed);
        Card = new SimBlePeripheral(this);
        Phone = new PhoneCentral(this);
    }

    /// <summary>The clock that times the link.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The timing and loss model.</summary>
    public LinkProfile Profile { get; }

    /// <summary>The largest MTU the card's stack accepts.</summary>
    public int CardMaxMtu { get; }

    /// <summary>The card's end.</summary>
    public SimBlePeripheral Card { get; }

    /// <summary>The phone's end.</summary>
    public PhoneCentral Phone { get; }

    /// <summary>The open connection, or null.</summary>
    internal LinkConnection? Current { get; private set; }

    /// <summary>Connections opened so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Connections that ended by a modelled link loss (supervision timeout).</summary>
    public int LinkLosses { get; private set; }

    /// <summary>Write commands delivered to the card.</summary>
    public long PacketsToCard { get; private set; }

    /// <summary>Notifications delivered to the phone.</summary>
    public long PacketsToPhone { get; private set; }

    /// <summary>Value bytes delivered to the card.</summary>
    public long BytesToCard { get; private set; }

    /// <summary>Value bytes delivered to the phone.</summary>
    public long BytesToPhone { get; private set; }

    /// <summary>Link-layer packets scheduled (both directions).</summary>
    public long LinkLayerPackets { get; private set; }

    /// <summary>Raised on the simulation thread whenever something reaches the card (for waking the board).</summary>
    public event Action? CardActivity;

    /// <summary>Phone side: starts a connection that opens after the profile's setup time.</summary>
    internal void BeginConnect(int requestedMtu, bool subscribe)
    {
        Clock.ScheduleAfter(Profile.ConnectSetupMs, () =>
        {
            if (Current is not null || !Card.IsAdvertising)
            {
                Phone.OnConnectFailed();
                return;
            }

            var connection = new LinkConnection(++Connections, Clock.UptimeMilliseconds, Math.Min(CardMaxMtu, requestedMtu), subscribe);
            Current = connection;
            Card.OnConnectionChanged(true);
            Phone.OnConnected();
            CardActivity?.Invoke();
        });
    }

    /// <summary>
    /// Either side asks to end the connection: the terminate goes out after the PDUs already
    /// queued (in the next connection event, or the event of the last queued packet), so what
    /// was sent before the request is still delivered and nothing sent after it is.
    /// </summary>
    internal void RequestDisconnect()
    {
        var connection = Current;
        if (connection is null || connection.DeadFrom is not null)
        {
            return;
        }

        var at = Math.Max(NextEventTime(connection), Math.Max(connection.ToCard.LastSendTime, connection.ToPhone.LastSendTime));
        connection.DeadFrom = at + Profile.ConnectionIntervalMs / 2;
        ScheduleClose(connection, at + Profile.ExtraLatencyMs, lost: false);
    }

    /// <summary>Schedules one ATT PDU; returns false if the sender's queue is full.</summary>
    internal bool Send(LinkConnection connection, bool toCard, byte[] value)
    {
        var direction = toCard ? connection.ToCard : connection.ToPhone;
        var capacity = toCard ? Profile.PhoneQueuePackets : Profile.CardQueuePackets;
        if (direction.Queued >= capacity)
        {
            return false;
        }

        var sendTime = AllocateSlots(connection, direction, Profile.PacketsFor(value.Length));

        // Packets of one event go out one after another: order them inside the event so that a
        // loss cuts off the packet it hits and what follows, not the ones before it.
        var order = sendTime + direction.UsedInEvent * 1e-6;
        var index = _packetsSent++;
        if (connection.DeadFrom is null && IsDropped(index))
        {
            connection.DeadFrom = order;
            ScheduleClose(connection, sendTime + Profile.SupervisionTimeoutMs, lost: true);
        }

        direction.Queued++;
        Clock.ScheduleAt(Ceiling(sendTime), () =>
        {
            // A packet after the loss is retransmitted until the timeout and never leaves the queue.
            if (order < connection.DeadFrom.GetValueOrDefault(double.MaxValue))
            {
                direction.Queued--;
            }
        });
        Clock.ScheduleAt(Ceiling(sendTime + Profile.ExtraLatencyMs), () =>
        {
            if (!connection.Open || order >= connection.DeadFrom.GetValueOrDefault(double.MaxValue))
            {
                return;
            }

            if (toCard)
            {
                PacketsToCard++;
                BytesToCard += value.Length;
                Card.OnWrite(value);
                CardActivity?.Invoke();
            }
            else
            {
                PacketsToPhone++;
                BytesToPhone += value.Length;
                Phone.OnNotification(value);
            }
        });
        return true;
    }

    private bool IsDropped(long index)
    {
        if (!_dropAfterFired && Profile.DropAfterPackets >= 0 && index >= Profile.DropAfterPackets)
        {
            _dropAfterFired = true;
            return true;
        }

        return Profile.DropProbability > 0 && _drops.NextDouble() < Profile.DropProbability;
    }

    /// <summary>Reserves link-layer slots for <paramref name="packets"/> packets from now on; returns the time of the event carrying the last.</summary>
    private double AllocateSlots(LinkConnection connection, LinkDirection direction, int packets)
    {
        var earliest = (long)Math.Ceiling((Clock.UptimeMilliseconds - connection.Anchor) / Profile.ConnectionIntervalMs - 1e-9);
        if (direction.Event < earliest)
        {
            direction.Event = earliest;
            direction.UsedInEvent = 0;
        }

        for (var i = 0; i < packets; i++)
        {
            if (direction.UsedInEvent == Profile.MaxPacketsPerEvent)
            {
                direction.Event++;
                direction.UsedInEvent = 0;
            }

            direction.UsedInEvent++;
        }

        LinkLayerPackets += packets;
        direction.LastSendTime = connection.Anchor + direction.Event * Profile.ConnectionIntervalMs;
        return direction.LastSendTime;
    }

    private double NextEventTime(LinkConnection connection)
    {
        var next = Math.Ceiling((Clock.UptimeMilliseconds - connection.Anchor) / Profile.ConnectionIntervalMs - 1e-9);
        return connection.Anchor + next * Profile.ConnectionIntervalMs;
    }

    private void ScheduleClose(LinkConnection connection, double at, bool lost)
    {
        Clock.ScheduleAt(Ceiling(at), () =>
        {
            if (!connection.Open)
            {
                return;
            }

            connection.Open = false;
            Current = null;
            if (lost)
            {
                LinkLosses++;
            }

            Card.OnConnectionChanged(false);
            Phone.OnDisconnected();
            CardActivity?.Invoke();
        });
    }

    private static long Ceiling(double milliseconds) => (long)Math.Ceiling(milliseconds - 1e-9);
}

/// <summary>State of one connection (one direction's slot pointer each way).</summary>
internal sealed class LinkConnection(int id, long anchor, int mtu, bool subscribed)
{
    public int Id { get; } = id;
    public long Anchor { get; } = anchor;
    public int Mtu { get; } = mtu;
    public bool Subscribed { get; } = subscribed;
    public bool Open { get; set; } = true;

    /// <summary>Virtual time from which nothing more gets through (a loss or a terminate), or null.</summary>
    public double? DeadFrom { get; set; }

    public LinkDirection ToCard { get; } = new();
    public LinkDirection ToPhone { get; } = new();
}

/// <summary>Where the next link-layer packet of one direction goes, and how many PDUs wait in the sender's queue.</summary>
internal sealed class LinkDirection
{
    public long Event { get; set; } = -1;
    public int UsedInEvent { get; set; }
    public int Queued { get; set; }
    public double LastSendTime { get; set; } = double.MinValue;
}
