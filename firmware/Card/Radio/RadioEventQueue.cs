using System.Threading;
using CardFirmware.Hal;

namespace CardFirmware.Card.Radio
{
    /// <summary>
    /// Hands radio callbacks (which on the card arrive on the BLE stack's thread) to the main loop.
    /// Bounded: when full, further writes are dropped and counted, and the framing layer above
    /// sees a gap and aborts that message, so a flooding phone cannot exhaust the card's heap.
    /// Connection events are never dropped: they overwrite the newest pending write instead.
    /// Locks use Monitor.Enter/Exit directly: nanoFramework lacks the Enter(object, ref bool)
    /// overload that a desktop <c>lock</c> statement compiles to.
    /// </summary>
    public sealed class RadioEventQueue
    {
        private readonly object _lock = new object();
        private readonly RadioEventKind[] _kinds;
        private readonly byte[][] _payloads;
        private readonly IWaitSignal _signal;
        private int _head;
        private int _count;
        private int _droppedWrites;

        /// <summary>Creates a queue of <paramref name="capacity"/> events that sets <paramref name="signal"/> on every event.</summary>
        public RadioEventQueue(int capacity, IWaitSignal signal)
        {
            _kinds = new RadioEventKind[capacity];
            _payloads = new byte[capacity][];
            _signal = signal;
        }

        /// <summary>Writes dropped because the queue was full.</summary>
        public int DroppedWrites
        {
            get { return _droppedWrites; }
        }

        /// <summary>Subscribes to the radio's events.</summary>
        public void Attach(IBlePeripheral ble)
        {
            ble.ConnectionChanged += OnConnectionChanged;
            ble.WriteReceived += OnWrite;
        }

        /// <summary>Unsubscribes from the radio's events.</summary>
        public void Detach(IBlePeripheral ble)
        {
            ble.ConnectionChanged -= OnConnectionChanged;
            ble.WriteReceived -= OnWrite;
        }

        /// <summary>
        /// Takes the oldest event: returns its kind (<see cref="RadioEventKind.None"/> when empty)
        /// and sets <paramref name="payload"/> to the written bytes for a write, otherwise null.
        /// </summary>
        public RadioEventKind TryTake(out byte[] payload)
        {
            Monitor.Enter(_lock);
            try
            {
                if (_count == 0)
                {
                    payload = null;
                    return RadioEventKind.None;
                }

                RadioEventKind kind = _kinds[_head];
                payload = _payloads[_head];
                _kinds[_head] = RadioEventKind.None;
                _payloads[_head] = null;
                _head = (_head + 1) % _kinds.Length;
                _count--;
                return kind;
            }
            finally
            {
                Monitor.Exit(_lock);
            }
        }

        /// <summary>True while a disconnection waits in the queue: the link of the current session is down.</summary>
        public bool HasPendingDisconnect
        {
            get
            {
                Monitor.Enter(_lock);
                try
                {
                    for (int i = 0; i < _count; i++)
                    {
                        if (_kinds[(_head + i) % _kinds.Length] == RadioEventKind.Disconnected)
                        {
                            return true;
                        }
                    }

                    return false;
                }
                finally
                {
                    Monitor.Exit(_lock);
                }
            }
        }

        /// <summary>
        /// Drops the pending events of the session being wiped: every event before the next
        /// <see cref="RadioEventKind.Connected"/>. That connection and everything after it belong to
        /// a new link (a phone that reconnected while the card was busy, say, waiting for a touch)
        /// and stay queued. Returns true if a <see cref="RadioEventKind.Disconnected"/> was among
        /// the dropped events: the session's link is already down, so whatever link is up now is
        /// the new one and must not be dropped.
        /// </summary>
        public bool DiscardSessionEvents()
        {
            Monitor.Enter(_lock);
            try
            {
                bool linkDown = false;
                while (_count > 0 && _kinds[_head] != RadioEventKind.Connected)
                {
                    if (_kinds[_head] == RadioEventKind.Disconnected)
                    {
                        linkDown = true;
                    }

                    _kinds[_head] = RadioEventKind.None;
                    _payloads[_head] = null;
                    _head = (_head + 1) % _kinds.Length;
                    _count--;
                }

                return linkDown;
            }
            finally
            {
                Monitor.Exit(_lock);
            }
        }

        private void OnConnectionChanged(bool connected)
        {
            Add(connected ? RadioEventKind.Connected : RadioEventKind.Disconnected, null, true);
        }

        private void OnWrite(byte[] value)
        {
            Add(RadioEventKind.Write, value, false);
        }

        private void Add(RadioEventKind kind, byte[] payload, bool mustKeep)
        {
            Monitor.Enter(_lock);
            try
            {
                if (_count == _kinds.Length)
                {
                    if (!mustKeep)
                    {
                        _droppedWrites++;
                        return;
                    }

                    // Replace the newest event; connection changes always reach the main loop.
                    int newest = (_head + _count - 1) % _kinds.Length;
                    if (_kinds[newest] == RadioEventKind.Write)
                    {
                        _droppedWrites++;
                    }

                    _kinds[newest] = kind;
                    _payloads[newest] = payload;
                }
                else
                {
                    int tail = (_head + _count) % _kinds.Length;
                    _kinds[tail] = kind;
                    _payloads[tail] = payload;
                    _count++;
                }
            }
            finally
            {
                Monitor.Exit(_lock);
            }

            _signal.Set();
        }
    }
}
