using CardFirmware.Hal;

namespace CardFirmware.Card.Radio
{
    /// <summary>
    /// Hands radio callbacks (which on the card arrive on the BLE stack's thread) to the main loop
    /// without a lock: one producer (the radio's callbacks) and one consumer (the main loop), each
    /// writing only its own fields, so that a tap does not pay two native <c>Monitor</c> calls per
    /// packet.
    /// <list type="bullet">
    /// <item>Writes go into a ring of <c>capacity</c> slots. The producer fills the slot at its tail
    /// and then publishes the new tail; the consumer reads the slot at its head and then publishes
    /// the new head. When the ring is full further writes are dropped and counted, and the framing
    /// layer above sees a gap and aborts that message, so a flooding phone cannot exhaust the heap.</item>
    /// <item>Connection changes take no slot and are never dropped: the producer counts them, and
    /// every write slot is stamped with the count at its arrival, which fixes the order of writes
    /// and changes. The radio has one connection, so changes alternate; change number k (from 1)
    /// is a connection when the link was down at <see cref="Attach"/> and k is odd. A repeated
    /// report of the state the link is already in carries nothing and is ignored.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// Ordering: the producer's two stores (slot, then tail; or the change count) must be seen in
    /// that order by the consumer. nanoCLR interprets IL on one RTOS thread and switches managed
    /// threads only between instructions, so every field store is visible in program order;
    /// nanoFramework has no <c>volatile</c> keyword or <c>Volatile</c> class to say more. The desktop
    /// simulator raises the radio's events on the main loop's own thread. Counters are compared
    /// by difference, so they may wrap.
    /// </remarks>
    public sealed class RadioEventQueue
    {
        private readonly byte[][] _payloads;
        private readonly int[] _stamps;
        private readonly IWaitSignal _signal;

        // Producer's fields (the radio's thread writes them; the main loop only reads them).
        private int _tail;
        private int _changes;
        private bool _linkUp;
        private bool _linkUpAtAttach;
        private int _droppedWrites;

        // Consumer's fields (only the main loop reads and writes them).
        private int _head;
        private int _changesTaken;

        /// <summary>Creates a queue of <paramref name="capacity"/> writes that sets <paramref name="signal"/> on every event.</summary>
        public RadioEventQueue(int capacity, IWaitSignal signal)
        {
            // One slot stays empty so that head == tail means empty, not full.
            _payloads = new byte[capacity + 1][];
            _stamps = new int[capacity + 1];
            _signal = signal;
        }

        /// <summary>Writes dropped because the queue was full.</summary>
        public int DroppedWrites
        {
            get { return _droppedWrites; }
        }

        /// <summary>Subscribes to the radio's events; the link's state now is where the counting of changes starts.</summary>
        public void Attach(IBlePeripheral ble)
        {
            _linkUp = ble.IsConnected;
            _linkUpAtAttach = _linkUp;
            _changesTaken = _changes;
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
            payload = null;
            RadioEventKind kind = Peek();
            if (kind == RadioEventKind.Write)
            {
                payload = _payloads[_head];
            }

            Advance(kind);
            return kind;
        }

        /// <summary>True while a disconnection waits in the queue: the link of the current session is down.</summary>
        public bool HasPendingDisconnect
        {
            get
            {
                int pending = _changes - _changesTaken;
                return pending > 1 || (pending == 1 && KindOfChange(_changesTaken + 1) == RadioEventKind.Disconnected);
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
            bool linkDown = false;
            RadioEventKind kind;
            while ((kind = Peek()) != RadioEventKind.None && kind != RadioEventKind.Connected)
            {
                if (kind == RadioEventKind.Disconnected)
                {
                    linkDown = true;
                }

                Advance(kind);
            }

            return linkDown;
        }

        private RadioEventKind Peek()
        {
            // The change count is read before the tail. A write seen at the tail carries the count
            // of changes before it, so a change it follows is taken first. With the ring empty, every
            // change in this count came before any write the tail does not show yet.
            int changes = _changes;
            if (_head != _tail)
            {
                return _stamps[_head] - _changesTaken <= 0 ? RadioEventKind.Write : KindOfChange(_changesTaken + 1);
            }

            return changes - _changesTaken > 0 ? KindOfChange(_changesTaken + 1) : RadioEventKind.None;
        }

        private void Advance(RadioEventKind taken)
        {
            if (taken == RadioEventKind.Write)
            {
                _payloads[_head] = null;
                _head = (_head + 1) % _payloads.Length;
            }
            else if (taken != RadioEventKind.None)
            {
                _changesTaken++;
            }
        }

        private RadioEventKind KindOfChange(int number)
        {
            bool odd = (number & 1) != 0;
            return odd != _linkUpAtAttach ? RadioEventKind.Connected : RadioEventKind.Disconnected;
        }

        private void OnConnectionChanged(bool connected)
        {
            if (connected == _linkUp)
            {
                return;
            }

            _linkUp = connected;
            _changes++;
            _signal.Set();
        }

        private void OnWrite(byte[] value)
        {
            int next = (_tail + 1) % _payloads.Length;
            if (next == _head)
            {
                _droppedWrites++;
                return;
            }

            _payloads[_tail] = value;
            _stamps[_tail] = _changes;
            _tail = next;
            _signal.Set();
        }
    }
}
