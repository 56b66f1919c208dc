using System.Net;
using System.Net.Sockets;
using CardFirmware.HalSim.Ble;
using CardFirmware.Host.Tcp;

namespace CardFirmware.SimulatedCard;

/// <summary>
/// Exposes the phone end of a simulated card's <see cref="SimBleLink"/> on 127.0.0.1 so that another
/// process can be the phone (frames: <see cref="BridgeFrame"/>). One client at a time. The
/// simulation runs on the thread that calls <see cref="Run"/>, its virtual time paced to wall-clock time;
/// the socket reader hands its work in through <see cref="HalSim.Time.VirtualClock.Post"/>.
/// Writes the phone stack refuses are retried every millisecond of virtual time (at most
/// <see cref="MaxQueuedWrites"/> waiting; beyond that the client is dropped).
/// </summary>
public sealed class LinkBridgeServer : IDisposable
{
    /// <summary>Writes the bridge holds for a full phone-side queue before it drops the client.</summary>
    public const int MaxQueuedWrites = 1024;

    /// <summary>Virtual milliseconds between two pacing events (see <see cref="SchedulePace"/>).</summary>
    public const int PaceMilliseconds = 10;

    private readonly SimBleLink _link;
    private readonly TcpListener _listener;
    private readonly Queue<byte[]> _writes = new();
    private readonly object _streamLock = new();
    private NetworkStream? _stream;
    private bool _retryScheduled;
    private bool _connecting;
    private bool _closing;
    private int _pendingConnectMtu;
    private volatile bool _stopped;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 picks a free port; see <see cref="Port"/>).</summary>
    public LinkBridgeServer(SimBleLink link, int port = 0)
    {
        _link = link;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start(1);
        _link.Phone.Connected += () =>
        {
            _connecting = false;
            SendConnected();
        };
        _link.Phone.ConnectFailed += () =>
        {
            _connecting = false;
            Send(BridgeFrame.ConnectFailed, []);
        };
        _link.Phone.Disconnected += () =>
        {
            _closing = false;
            _writes.Clear();
            Send(BridgeFrame.Disconnected, []);
            if (_pendingConnectMtu != 0)
            {
                var mtu = _pendingConnectMtu;
                _pendingConnectMtu = 0;
                StartConnect(mtu);
            }
        };
        _link.Phone.NotificationReceived += value =>
        {
            // Forwarded here; the central's own queue is emptied so it cannot grow.
            _link.Phone.TryTakeNotification(out _);
            Send(BridgeFrame.Notification, value);
        };
    }

    /// <summary>The TCP port listened on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Runs the simulation and serves clients until <see cref="Dispose"/> (call on the simulation thread).</summary>
    public void Run()
    {
        _link.Clock.WaitForPostedWork = true;
        var acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = "bridge-accept" };
        acceptor.Start();

        // Virtual time follows wall-clock time: the phone on the other end lives in real time, and a
        // card that ticks on a timer (the firmware's main loop) always has an event scheduled, so an
        // unpaced clock would race ahead and, for example, end every session at the idle timeout
        // before the phone's first packet arrives.
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var origin = _link.Clock.UptimeMilliseconds;
        SchedulePace(wall, origin);
        while (!_stopped)
        {
            var now = origin + wall.ElapsedMilliseconds;
            if (_link.Clock.UptimeMilliseconds < now)
            {
                _link.Clock.RunUntil(now, () => _stopped);
            }

            _link.Clock.WaitForPost(1);
        }
    }

    /// <summary>
    /// Paces waits nested inside the card's own work as well: a firmware wait for a finger runs the clock
    /// itself (the card's timer keeps an event scheduled, so it would race through its 30 s in a few
    /// wall-clock milliseconds and a person at the bridge could never touch in time). Every
    /// <see cref="PaceMilliseconds"/> of virtual time an event blocks until wall-clock time catches up,
    /// returning early when another thread posts work.
    /// </summary>
    private void SchedulePace(System.Diagnostics.Stopwatch wall, long origin)
    {
        _link.Clock.ScheduleAfter(PaceMilliseconds, () =>
        {
            var ahead = _link.Clock.UptimeMilliseconds - origin - wall.ElapsedMilliseconds;
            if (ahead > 0 && !_stopped)
            {
                _link.Clock.WaitForPost((int)Math.Min(ahead, PaceMilliseconds));
            }

            if (!_stopped)
            {
                SchedulePace(wall, origin);
            }
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopped = true;
        _link.Clock.Post(() => { });
        _listener.Stop();
        lock (_streamLock)
        {
            _stream?.Dispose();
        }
    }

    private void AcceptLoop()
    {
        while (!_stopped)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_streamLock)
            {
                _stream = client.GetStream();
            }

            ReadLoop(client.GetStream());
            _link.Clock.Post(() =>
            {
                _writes.Clear();
                _pendingConnectMtu = 0;
                Disconnect();
            });
            lock (_streamLock)
            {
                _stream = null;
            }

            client.Dispose();
        }
    }

    private void ReadLoop(NetworkStream stream)
    {
        try
        {
            while (BridgeFrame.TryReadFrame(stream, out var type, out var payload))
            {
                switch (type)
                {
                    case BridgeFrame.Connect when payload.Length == 2:
                        var mtu = Math.Clamp((payload[0] << 8) | payload[1], SimBleLink.MinimumMtu, SimBleLink.MaximumMtu);
                        _link.Clock.Post(() => OnConnectRequest(mtu));
                        break;
                    case BridgeFrame.Write:
                        _link.Clock.Post(() => QueueWrite(payload));
                        break;
                    case BridgeFrame.Disconnect:
                        _link.Clock.Post(Disconnect);
                        break;
                    default:
                        return;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (InvalidDataException)
        {
        }
        catch (ObjectDisposedException)
        {
            // CloseClient or Dispose closed the stream under the reader: the client is gone.
        }
    }

    /// <summary>
    /// A client asked to connect. If the previous connection (this client's or the last one's) is still
    /// closing, the connect waits for its end instead of being lost; if already connected, the client is
    /// told so again.
    /// </summary>
    private void OnConnectRequest(int mtu)
    {
        if (_connecting)
        {
            return;
        }

        if (!_link.Phone.IsConnected)
        {
            StartConnect(mtu);
        }
        else if (_closing)
        {
            _pendingConnectMtu = mtu;
        }
        else
        {
            SendConnected();
        }
    }

    private void StartConnect(int mtu)
    {
        _connecting = true;
        _link.Phone.Connect(mtu);
    }

    private void Disconnect()
    {
        if (_link.Phone.IsConnected)
        {
            _closing = true;
            _link.Phone.Disconnect();
        }
    }

    private void SendConnected() => Send(BridgeFrame.Connected, [(byte)(_link.Phone.Mtu >> 8), (byte)_link.Phone.Mtu]);

    private void QueueWrite(byte[] payload)
    {
        if (!_link.Phone.IsConnected || payload.Length > _link.Phone.MaxValueLength || _writes.Count >= MaxQueuedWrites)
        {
            CloseClient();
            return;
        }

        _writes.Enqueue(payload);
        FlushWrites();
    }

    private void FlushWrites()
    {
        while (_writes.Count > 0 && _link.Phone.IsConnected && _link.Phone.Write(_writes.Peek()))
        {
            _writes.Dequeue();
        }

        if (_writes.Count > 0 && _link.Phone.IsConnected && !_retryScheduled)
        {
            _retryScheduled = true;
            _link.Clock.ScheduleAfter(1, () =>
            {
                _retryScheduled = false;
                FlushWrites();
            });
        }
    }

    private void CloseClient()
    {
        lock (_streamLock)
        {
            _stream?.Dispose();
        }
    }

    private void Send(byte type, byte[] payload)
    {
        lock (_streamLock)
        {
            try
            {
                if (_stream is not null)
                {
                    BridgeFrame.WriteFrame(_stream, type, payload);
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
