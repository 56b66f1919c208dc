using CardFirmware.Crypto.Threshold;
using CardFirmware.Channel;
using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Hal;
using CardFirmware.HalSim.Ble;

namespace CardFirmware.SimulatedCard;

/// <summary>
/// A card that runs only the channel (no command layer) on a <see cref="SimBleLink"/>: each decrypted
/// message goes to a handler whose reply is sent back. Used by tests, the benchmark and the TCP
/// bridge. It drives <see cref="CardChannel"/> exactly as the firmware's main loop does: radio
/// events in, <see cref="CardChannel.Pump"/> on a tick while notifications are waiting, and a
/// disconnect when the channel fails.
/// </summary>
public sealed class SimulatedChannelCard : IDisposable
{
    /// <summary>Service and characteristic UUIDs the harness advertises (placeholders; the card app owns the real ones).</summary>
    private static readonly byte[] Uuid = new byte[16];

    private readonly SimBleLink _link;
    private readonly Func<byte[], byte[]?> _handler;
    private readonly Queue<byte[]> _replies = new();
    private readonly int _tickMilliseconds;
    private bool _tickScheduled;

    /// <summary>
    /// Starts advertising on <paramref name="link"/> with the card key <paramref name="staticPrivateKey"/>.
    /// <paramref name="handler"/> maps a request to a reply (null: no reply). The handshake hashes on
    /// <paramref name="arithmetic"/> (default: the managed reference backend).
    /// </summary>
    public SimulatedChannelCard(SimBleLink link, byte[] staticPrivateKey, byte[] prologue, IChannelCurve curve, IEntropySource random,
        Func<byte[], byte[]?> handler, int maxMessageSize = FrameFormat.DefaultMaxMessageSize, int reassemblyTimeoutMilliseconds = 2000, int tickMilliseconds = 5,
        IArithmeticBackend? arithmetic = null)
    {
        _link = link;
        _handler = handler;
        _tickMilliseconds = tickMilliseconds;
        Channel = new CardChannel(new BlePeripheralSink(link.Card), link.Clock, staticPrivateKey, prologue, curve,
            arithmetic ?? ManagedArithmeticBackend.Instance, random, maxMessageSize, reassemblyTimeoutMilliseconds);
        link.Card.ConnectionChanged += OnConnectionChanged;
        link.Card.WriteReceived += OnWrite;
        link.Card.StartAdvertising("CardFirmware", Uuid, Uuid, Uuid, Uuid);
    }

    /// <summary>The card's channel.</summary>
    public CardChannel Channel { get; }

    /// <summary>Every event the channel reported, in order.</summary>
    public List<ChannelEvent> Events { get; } = [];

    /// <summary>Messages received (plaintext copies), in order.</summary>
    public List<byte[]> Received { get; } = [];

    /// <summary>The phone's static key from the last completed handshake.</summary>
    public byte[]? LastRemoteStaticKey { get; private set; }

    /// <summary>Virtual time at which the last handshake completed.</summary>
    public long HandshakeCompletedAt { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        _link.Card.ConnectionChanged -= OnConnectionChanged;
        _link.Card.WriteReceived -= OnWrite;
        Channel.Dispose();
    }

    private void OnConnectionChanged(bool connected)
    {
        _replies.Clear();
        if (connected)
        {
            Channel.OnConnected(_link.Card.Mtu);
        }
        else
        {
            Channel.OnDisconnected();
        }
    }

    private void OnWrite(byte[] value)
    {
        var e = Channel.OnPacket(value, 0, value.Length);
        if (e != ChannelEvent.None)
        {
            Events.Add(e);
        }

        switch (e)
        {
            case ChannelEvent.HandshakeComplete:
                LastRemoteStaticKey = Channel.RemoteStaticKey();
                HandshakeCompletedAt = _link.Clock.UptimeMilliseconds;
                break;
            case ChannelEvent.MessageReceived:
                var message = Channel.ReceivedMessage.AsSpan(Channel.ReceivedOffset, Channel.ReceivedLength).ToArray();
                Channel.WipeReceived();
                Received.Add(message);
                var reply = _handler(message);
                if (reply is not null)
                {
                    _replies.Enqueue(reply);
                }

                break;
            case ChannelEvent.Failed:
                _link.Card.Disconnect();
                break;
        }

        Service();
    }

    private void Service()
    {
        Channel.Pump();
        while (_replies.Count > 0 && Channel.CanSend)
        {
            var reply = _replies.Dequeue();
            Channel.Send(reply, 0, reply.Length);
        }

        if ((Channel.SendPending || _replies.Count > 0) && !_tickScheduled && _link.Card.IsConnected)
        {
            _tickScheduled = true;
            _link.Clock.ScheduleAfter(_tickMilliseconds, () =>
            {
                _tickScheduled = false;
                Service();
            });
        }
    }
}
