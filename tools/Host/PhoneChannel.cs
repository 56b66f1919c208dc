using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;

namespace CardFirmware.Host;

/// <summary>
/// The phone's end of the secure channel: the Noise XK initiator (BOLT #8) over the same framing
/// the card uses, on any <see cref="ICardLink"/>. Blocking and single-threaded: each call runs
/// the link (virtual or real time) until it is done or its timeout passes.
/// </summary>
/// <remarks>Security: the card is authenticated by the static key the phone already knows (from
/// the QR code); a handshake with any other key fails at act two.</remarks>
public sealed class PhoneChannel : IDisposable
{
    private readonly ICardLink _link;
    private readonly FrameSender _sender;
    private readonly FrameAssembler _assembler;
    private readonly LinkSink _sink;
    private readonly int _timeoutMilliseconds;
    private readonly NoiseInitiator _initiator;
    private NoiseTransport? _transport;

    /// <summary>
    /// Prepares a handshake as the holder of <paramref name="phoneStaticPrivateKey"/> with the card
    /// whose static key is <paramref name="cardStaticPublicKey"/> (33 bytes).
    /// </summary>
    public PhoneChannel(ICardLink link, byte[] phoneStaticPrivateKey, byte[] cardStaticPublicKey, byte[] prologue,
        int maxMessageSize = FrameFormat.DefaultMaxMessageSize, int timeoutMilliseconds = 10_000)
        : this(link, new NoiseInitiator(phoneStaticPrivateKey, cardStaticPublicKey, prologue, new BouncyCastleCurve(), new HostRandom()),
            maxMessageSize, timeoutMilliseconds)
    {
    }

    internal PhoneChannel(ICardLink link, NoiseInitiator initiator, int maxMessageSize, int timeoutMilliseconds)
    {
        _link = link;
        _initiator = initiator;
        _sender = new FrameSender(maxMessageSize);
        _assembler = new FrameAssembler(link.Clock, maxMessageSize, timeoutMilliseconds);
        _sink = new LinkSink(link);
        _timeoutMilliseconds = timeoutMilliseconds;
    }

    /// <summary>True once the handshake completed and the transport is open.</summary>
    public bool IsEstablished => _transport is { IsClosed: false };

    /// <summary>The largest application message, in bytes.</summary>
    public int MaxPlaintextSize => _sender.MaxMessageSize - NoiseConstants.TransportOverhead;

    /// <summary>Runs acts one to three; throws <see cref="ChannelException"/>, <see cref="FramingException"/> or <see cref="TimeoutException"/>.</summary>
    public void Handshake()
    {
        _assembler.SetMtu(_link.Mtu);
        var actOne = new byte[NoiseConstants.ActOneSize];
        _initiator.WriteActOne(actOne, 0);
        SendFramed(actOne, actOne.Length);
        var actTwo = ReceiveFramed();
        var actThree = new byte[NoiseConstants.ActThreeSize];
        _transport = _initiator.ReadActTwo(actTwo, 0, actTwo.Length, actThree, 0);
        SendFramed(actThree, actThree.Length);
    }

    /// <summary>Encrypts and sends one message, waiting until every packet is queued on the link.</summary>
    public void Send(byte[] message)
    {
        var transport = RequireTransport();
        if (message.Length > MaxPlaintextSize)
        {
            throw new ChannelException(ChannelError.MessageTooLarge);
        }

        var framed = new byte[message.Length + NoiseConstants.TransportOverhead];
        transport.Encrypt(message, 0, message.Length, framed, 0);
        SendFramed(framed, framed.Length);
    }

    /// <summary>Waits for the next message from the card and returns its plaintext.</summary>
    public byte[] Receive()
    {
        var transport = RequireTransport();
        var framed = ReceiveFramed();
        var plain = new byte[Math.Max(0, framed.Length - NoiseConstants.TransportOverhead)];
        var length = transport.Decrypt(framed, 0, framed.Length, plain, 0);
        return plain.AsSpan(0, length).ToArray();
    }

    /// <summary>Sends <paramref name="request"/> and returns the card's reply.</summary>
    public byte[] Exchange(byte[] request)
    {
        Send(request);
        return Receive();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _initiator.Dispose();
        _transport?.Dispose();
    }

    private NoiseTransport RequireTransport() =>
        _transport is { IsClosed: false } t ? t : throw new ChannelException(ChannelError.WrongState);

    private void SendFramed(byte[] message, int length)
    {
        _sender.Begin(message, 0, length);
        var deadline = _link.Clock.UptimeMilliseconds + _timeoutMilliseconds;
        while (!_sender.Pump(_sink))
        {
            CheckLink(deadline);
            _link.WaitForActivity(1);
        }
    }

    private byte[] ReceiveFramed()
    {
        var deadline = _link.Clock.UptimeMilliseconds + _timeoutMilliseconds;
        while (true)
        {
            while (_link.TryTakeNotification(out var packet))
            {
                if (_assembler.Accept(packet, 0, packet.Length))
                {
                    return _assembler.CompletedMessage.AsSpan(0, _assembler.CompletedLength).ToArray();
                }
            }

            CheckLink(deadline);
            _assembler.Poll();
            _link.WaitForActivity((int)Math.Clamp(deadline - _link.Clock.UptimeMilliseconds, 1, 50));
        }
    }

    private void CheckLink(long deadline)
    {
        if (!_link.IsConnected)
        {
            throw new IOException("The link to the card is down.");
        }

        if (_link.Clock.UptimeMilliseconds >= deadline)
        {
            throw new TimeoutException("The card did not answer in time.");
        }
    }
}
