using System.Runtime.CompilerServices;
using CardFirmware.Hal;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace CardFirmware.Device.Ble
{
    /// <summary>
    /// <see cref="IBlePeripheral"/> on nanoFramework.Device.Bluetooth's GATT server: one primary
    /// service (<see cref="GattServiceProvider"/>) with the card's three characteristics, in the
    /// layout the card and the phone already use (firmware/Card/Ble/CardGattService.cs): write
    /// without response (phone to card), notify (card to phone), read (status). Connection and MTU
    /// come from the server's <see cref="GattSession"/>. The surface has no server-side disconnect,
    /// so <see cref="Disconnect"/> is an InternalCall into the NimBLE host (README.md, "Native glue").
    /// </summary>
    /// <remarks>
    /// The GATT layer carries only the channel's ciphertext and the public status; link-layer
    /// pairing is not used (the Noise XK channel authenticates both ends), so every protection
    /// level is Plain.
    /// </remarks>
    public sealed class GattPeripheral : IBlePeripheral
    {
        private const int DefaultAttMtu = 23;
        private GattServiceProvider _provider;
        private GattLocalCharacteristic _notify;
        private GattSession _session;
        private byte[] _status = new byte[0];
        private bool _connected;
        private int _mtu = DefaultAttMtu;
        private BleConnectionHandler _connectionChanged;
        private BleWriteHandler _writeReceived;

        /// <inheritdoc/>
        public bool IsConnected
        {
            get { return _connected; }
        }

        /// <inheritdoc/>
        public int Mtu
        {
            get { return _mtu; }
        }

        /// <inheritdoc/>
        public event BleConnectionHandler ConnectionChanged
        {
            add { _connectionChanged = (BleConnectionHandler)System.Delegate.Combine(_connectionChanged, value); }
            remove { _connectionChanged = (BleConnectionHandler)System.Delegate.Remove(_connectionChanged, value); }
        }

        /// <inheritdoc/>
        public event BleWriteHandler WriteReceived
        {
            add { _writeReceived = (BleWriteHandler)System.Delegate.Combine(_writeReceived, value); }
            remove { _writeReceived = (BleWriteHandler)System.Delegate.Remove(_writeReceived, value); }
        }

        /// <inheritdoc/>
        public void StartAdvertising(string localName, byte[] serviceUuid, byte[] writeCharacteristicUuid,
            byte[] notifyCharacteristicUuid, byte[] statusCharacteristicUuid)
        {
            if (_provider == null)
            {
                CreateService(localName, serviceUuid, writeCharacteristicUuid, notifyCharacteristicUuid, statusCharacteristicUuid);
            }

            GattServiceProviderAdvertisingParameters parameters = new GattServiceProviderAdvertisingParameters();
            parameters.IsConnectable = true;
            parameters.IsDiscoverable = true;
            _provider.StartAdvertising(parameters);
        }

        /// <inheritdoc/>
        public void StopAdvertising()
        {
            if (_provider != null)
            {
                _provider.StopAdvertising();
            }
        }

        /// <inheritdoc/>
        public bool Notify(byte[] value, int offset, int count)
        {
            if (!_connected || _notify == null || count < 0 || count > _mtu - 3)
            {
                return false;
            }

            byte[] copy = new byte[count];
            System.Array.Copy(value, offset, copy, 0, count);
            GattClientNotificationResult[] results = _notify.NotifyValue(new Buffer(copy));
            if (results == null)
            {
                return false;
            }

            for (int i = 0; i < results.Length; i++)
            {
                if (results[i].Status == GattCommunicationStatus.Success)
                {
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc/>
        public void SetStatus(byte[] value)
        {
            byte[] copy = new byte[value.Length];
            System.Array.Copy(value, copy, value.Length);
            _status = copy;
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            if (_connected)
            {
                NativeDisconnect();
            }
        }

        private void CreateService(string localName, byte[] serviceUuid, byte[] writeUuid, byte[] notifyUuid, byte[] statusUuid)
        {
            BluetoothLEServer server = BluetoothLEServer.Instance;
            server.DeviceName = localName;
            GattServiceProviderResult created = GattServiceProvider.Create(ToGuid(serviceUuid));
            if (created.Error != BluetoothError.Success)
            {
                throw new System.InvalidOperationException("GATT service");
            }

            _provider = created.ServiceProvider;
            GattLocalService service = _provider.Service;
            GattLocalCharacteristic write = Characteristic(service, writeUuid, GattCharacteristicProperties.WriteWithoutResponse | GattCharacteristicProperties.Write);
            write.WriteRequested += OnWriteRequested;
            _notify = Characteristic(service, notifyUuid, GattCharacteristicProperties.Notify);
            GattLocalCharacteristic status = Characteristic(service, statusUuid, GattCharacteristicProperties.Read);
            status.ReadRequested += OnStatusRead;

            server.Start();
            _session = server.Session;
            _session.SessionStatusChanged += OnSessionStatusChanged;
            _session.MaxPduSizeChanged += OnMaxPduSizeChanged;
        }

        private static GattLocalCharacteristic Characteristic(GattLocalService service, byte[] uuid, GattCharacteristicProperties properties)
        {
            GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
            parameters.CharacteristicProperties = properties;
            parameters.ReadProtectionLevel = GattProtectionLevel.Plain;
            parameters.WriteProtectionLevel = GattProtectionLevel.Plain;
            GattLocalCharacteristicResult result = service.CreateCharacteristic(ToGuid(uuid), parameters);
            if (result.Error != BluetoothError.Success)
            {
                throw new System.InvalidOperationException("GATT characteristic");
            }

            return result.Characteristic;
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs e)
        {
            bool connected = e.Status == GattSessionStatus.Active;
            if (connected == _connected)
            {
                return;
            }

            _connected = connected;
            _mtu = connected ? _session.MaxMtuSize : DefaultAttMtu;
            BleConnectionHandler handler = _connectionChanged;
            if (handler != null)
            {
                handler(connected);
            }
        }

        private void OnMaxPduSizeChanged(object sender, System.EventArgs e)
        {
            _mtu = _session.MaxMtuSize;
        }

        private void OnWriteRequested(GattLocalCharacteristic sender, GattWriteRequestedEventArgs e)
        {
            GattWriteRequest request = e.GetRequest();
            Buffer value = request.Value;
            byte[] data = new byte[(int)value.Length];
            DataReader.FromBuffer(value).ReadBytes(data);
            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }

            BleWriteHandler handler = _writeReceived;
            if (handler != null)
            {
                handler(data);
            }
        }

        private void OnStatusRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs e)
        {
            e.GetRequest().RespondWithValue(new Buffer(_status));
        }

        /// <summary>
        /// A 16-byte UUID written big-endian (as text) to a <see cref="System.Guid"/>, whose byte
        /// constructor takes the first three fields little-endian (RFC 4122 §4.1.2 field layout).
        /// </summary>
        private static System.Guid ToGuid(byte[] uuid)
        {
            byte[] b = new byte[16];
            b[0] = uuid[3];
            b[1] = uuid[2];
            b[2] = uuid[1];
            b[3] = uuid[0];
            b[4] = uuid[5];
            b[5] = uuid[4];
            b[6] = uuid[7];
            b[7] = uuid[6];
            System.Array.Copy(uuid, 8, b, 8, 8);
            return new System.Guid(b);
        }

        /// <summary>Terminates the current connection (NimBLE <c>ble_gap_terminate</c>, README.md "Native glue").</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeDisconnect();
    }
}
