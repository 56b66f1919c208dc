namespace CardFirmware.HalSim.Ble;

/// <summary>
/// The phone's end of a <see cref="SimBleLink"/>, for host tools and tests: connect with a
/// requested MTU, write-without-response to the card's write characteristic, receive
/// notifications, read the status characteristic, disconnect. Call it on the simulation thread
/// (from another thread, hand calls in through <see cref="Time.VirtualClock.Post"/>); its events
/// are raised there too.
/// </summary>
public sealed class PhoneCentral
{
    private readonly SimBleLink _link;
    private readonly Queue<byte[]> _notifications = new();
    private bool _connecting;
    private bool _connectFailed;

    internal PhoneCentral(SimBleLink link) => _link = link;

    /// <summary>True while connected.</summary>
    public bool IsConnected => _link.Current is not null;

    /// <summary>The negotiated MTU: min(card maximum, requested); 23 when not connected.</summary>
    public int Mtu => _link.Current?.Mtu ?? SimBleLink.MinimumMtu;

    /// <summary>The largest value one write or notification carries: <see cref="Mtu"/> - 3.</summary>
    public int MaxValueLength => Mtu - 3;

    /// <summary>Raised when the connection opens (MTU exchanged, notifications enabled).</summary>
    public event Action? Connected;

    /// <summary>Raised when a connection attempt finds the card not advertising.</summary>
    public event Action? ConnectFailed;

    /// <summary>Raised when the connection ends, whichever side or a link loss ended it.</summary>
    public event Action? Disconnected;

    /// <summary>Raised for each notification, in order; the array is the receiver's.</summary>
    public event Action<byte[]>? NotificationReceived;

    /// <summary>Notifications received and not yet taken with <see cref="TryTakeNotification"/>.</summary>
    public int PendingNotifications => _notifications.Count;

    /// <summary>
    /// Starts connecting with <paramref name="requestedMtu"/> (23 to 517; phones ask for 185, 247
    /// or 517). The connection opens <see cref="LinkProfile.ConnectSetupMs"/> later if the card
    /// is advertising then; otherwise <see cref="ConnectFailed"/> is raised.
    /// </summary>
    public void Connect(int requestedMtu, bool subscribe = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestedMtu, SimBleLink.MinimumMtu);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requestedMtu, SimBleLink.MaximumMtu);
        if (IsConnected || _connecting)
        {
            throw new InvalidOperationException("Already connected or connecting.");
        }

        _connecting = true;
        _connectFailed = false;
        _notifications.Clear();
        _link.BeginConnect(requestedMtu, subscribe);
    }

    /// <summary>Connects and runs the clock until the connection opens or fails; returns true if it opened.</summary>
    public bool ConnectAndWait(int requestedMtu, int timeoutMilliseconds = 5000)
    {
        Connect(requestedMtu);
        _link.Clock.RunUntil(_link.Clock.UptimeMilliseconds + timeoutMilliseconds, () => IsConnected || _connectFailed);
        return IsConnected;
    }

    /// <summary>
    /// Sends a write command (write without response) of at most <see cref="MaxValueLength"/>
    /// bytes. Returns false if the phone's stack queue is full (retry later).
    /// </summary>
    /// <exception cref="InvalidOperationException">Not connected.</exception>
    /// <exception cref="ArgumentException">Longer than <see cref="MaxValueLength"/>.</exception>
    public bool Write(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var connection = _link.Current ?? throw new InvalidOperationException("Not connected.");
        if (value.Length > connection.Mtu - 3)
        {
            throw new ArgumentException($"A write carries at most MTU - 3 = {connection.Mtu - 3} bytes; got {value.Length}.", nameof(value));
        }

        return _link.Send(connection, toCard: true, (byte[])value.Clone());
    }

    /// <summary>Reads the status characteristic (modelled as instantaneous).</summary>
    /// <exception cref="InvalidOperationException">Not connected.</exception>
    public byte[] ReadStatus()
    {
        if (!IsConnected)
        {
            throw new InvalidOperationException("Not connected.");
        }

        return _link.Card.Status;
    }

    /// <summary>Ends the connection (after what is already queued has gone out).</summary>
    public void Disconnect() => _link.RequestDisconnect();

    /// <summary>Takes the oldest received notification.</summary>
    public bool TryTakeNotification(out byte[] value)
    {
        if (_notifications.TryDequeue(out var taken))
        {
            value = taken;
            return true;
        }

        value = [];
        return false;
    }

    internal void OnConnected()
    {
        _connecting = false;
        Connected?.Invoke();
    }

    internal void OnConnectFailed()
    {
        _connecting = false;
        _connectFailed = true;
        ConnectFailed?.Invoke();
    }

    internal void OnDisconnected() => Disconnected?.Invoke();

    internal void OnNotification(byte[] value)
    {
        _notifications.Enqueue(value);
        NotificationReceived?.Invoke((byte[])value.Clone());
    }
}
