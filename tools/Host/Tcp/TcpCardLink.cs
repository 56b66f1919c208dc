using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CardFirmware.Hal;

namespace CardFirmware.Host.Tcp;

/// <summary>
/// An <see cref="ICardLink"/> to a card exposed by a <c>LinkBridgeServer</c> (tools/SimulatedCard) (possibly in
/// another process) on 127.0.0.1. Real time: waits block on the socket's reader.
/// </summary>
public sealed class TcpCardLink : ICardLink, IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly BlockingCollection<byte[]> _notifications = new();
    private readonly ManualResetEventSlim _stateChanged = new();
    private readonly object _writeLock = new();
    private volatile bool _connected;
    private volatile bool _connectFailed;
    private volatile int _mtu = 23;

    /// <summary>Opens the TCP connection to the bridge on 127.0.0.1:<paramref name="port"/>.</summary>
    public TcpCardLink(int port)
        : this(IPAddress.Loopback.ToString(), port)
    {
    }

    /// <summary>Opens the TCP connection to the bridge on <paramref name="host"/>:<paramref name="port"/>; throws <see cref="SocketException"/> if nothing listens there.</summary>
    public TcpCardLink(string host, int port)
    {
        _client = new TcpClient();
        _client.Connect(host, port);
        _client.NoDelay = true;
        _stream = _client.GetStream();
        new Thread(ReadLoop) { IsBackground = true, Name = "tcp-card-link" }.Start();
    }

    /// <inheritdoc />
    public IClock Clock { get; } = new SystemClock();

    /// <inheritdoc />
    public bool IsConnected => _connected;

    /// <inheritdoc />
    public int Mtu => _mtu;

    /// <summary>Asks the bridge to connect with <paramref name="requestedMtu"/> and waits until the connection opens.</summary>
    public bool ConnectAndWait(int requestedMtu, int timeoutMilliseconds = 5000)
    {
        _stateChanged.Reset();
        lock (_writeLock)
        {
            BridgeFrame.WriteFrame(_stream, BridgeFrame.Connect, [(byte)(requestedMtu >> 8), (byte)requestedMtu]);
        }

        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!_connected && !_connectFailed && Environment.TickCount64 < deadline)
        {
            _stateChanged.Wait(TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64)));
            _stateChanged.Reset();
        }

        return _connected;
    }

    /// <summary>
    /// Asks the bridge to end the BLE connection. <see cref="IsConnected"/> is false from here on, so a
    /// <see cref="ConnectAndWait"/> right after waits for the new connection rather than returning on the
    /// closing one (the bridge answers its Disconnected before the next Connected).
    /// </summary>
    public void Disconnect()
    {
        _connected = false;
        lock (_writeLock)
        {
            BridgeFrame.WriteFrame(_stream, BridgeFrame.Disconnect, []);
        }
    }

    /// <inheritdoc />
    public bool TryWrite(byte[] packet, int offset, int count)
    {
        if (!_connected)
        {
            return false;
        }

        lock (_writeLock)
        {
            BridgeFrame.WriteFrame(_stream, BridgeFrame.Write, packet.AsSpan(offset, count));
        }

        return true;
    }

    /// <inheritdoc />
    public bool TryTakeNotification(out byte[] packet) => _notifications.TryTake(out packet!);

    /// <inheritdoc />
    public void WaitForActivity(int milliseconds)
    {
        if (_notifications.Count > 0 || !_connected)
        {
            return;
        }

        _stateChanged.Wait(milliseconds);
        _stateChanged.Reset();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _stateChanged.Dispose();
    }

    private void ReadLoop()
    {
        try
        {
            while (BridgeFrame.TryReadFrame(_stream, out var type, out var payload))
            {
                switch (type)
                {
                    case BridgeFrame.Connected when payload.Length == 2:
                        _mtu = (payload[0] << 8) | payload[1];
                        _connected = true;
                        break;
                    case BridgeFrame.Notification:
                        _notifications.Add(payload);
                        break;
                    case BridgeFrame.Disconnected:
                        _connected = false;
                        break;
                    case BridgeFrame.ConnectFailed:
                        _connectFailed = true;
                        break;
                }

                _stateChanged.Set();
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _connected = false;
        _stateChanged.Set();
    }
}
