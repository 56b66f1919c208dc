namespace CardFirmware.Hal
{
    /// <summary>Raised when a central connects or disconnects.</summary>
    public delegate void BleConnectionHandler(bool connected);

    /// <summary>Raised when the central writes the write characteristic; the array is the card's to keep.</summary>
    public delegate void BleWriteHandler(byte[] value);

    /// <summary>
    /// The card's GATT service as the radio presents it: one primary service with a write
    /// characteristic (phone to card), a notify characteristic (card to phone) and a readable
    /// status characteristic. Shaped for nanoFramework's <c>GattServiceProvider</c>,
    /// <c>GattLocalCharacteristic</c> and <c>NotifyValue</c>. UUIDs are 16 bytes, in the
    /// big-endian order in which they are written as text.
    /// </summary>
    public interface IBlePeripheral
    {
        /// <summary>
        /// Creates the service and starts connectable advertising under <paramref name="localName"/>.
        /// </summary>
        void StartAdvertising(string localName, byte[] serviceUuid, byte[] writeCharacteristicUuid,
            byte[] notifyCharacteristicUuid, byte[] statusCharacteristicUuid);

        /// <summary>Stops advertising; an existing connection is kept.</summary>
        void StopAdvertising();

        /// <summary>True while a central is connected.</summary>
        bool IsConnected { get; }

        /// <summary>The negotiated ATT MTU of the current connection (23 before negotiation).</summary>
        int Mtu { get; }

        /// <summary>
        /// Sends one notification of <paramref name="count"/> bytes (at most <see cref="Mtu"/> - 3).
        /// Returns false if it could not be queued (no connection, no subscription, or the
        /// radio's queue is full); the caller retries later.
        /// </summary>
        bool Notify(byte[] value, int offset, int count);

        /// <summary>Sets the value a central reads from the status characteristic.</summary>
        void SetStatus(byte[] value);

        /// <summary>Drops the current connection.</summary>
        void Disconnect();

        /// <summary>Raised on connect and disconnect.</summary>
        event BleConnectionHandler ConnectionChanged;

        /// <summary>Raised for every write to the write characteristic.</summary>
        event BleWriteHandler WriteReceived;
    }
}
