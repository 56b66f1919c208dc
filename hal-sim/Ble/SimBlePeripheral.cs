using CardFirmware.Hal;

namespace CardFirmware.HalSim.Ble;

/// <summary>
/// The card's end of a <see cref="SimBleLink"/>: the radio as the firmware sees it. Connectable
/// advertising is paused while a phone is connected and resumes after a disconnect unless
/// <see cref="StopAdvertising"/> was called.
/// </summary>
public sealed class SimBlePeripheral : IBlePeripheral
{
    private readonly SimBleLink _link;
    private byte[] _status = [];

    internal SimBlePeripheral(SimBleLink link) => _link = link;

    /// <summary>True between <see cref="StartAdvertising"/> and <see cref="StopAdvertising"/>.</summary>
    public bool IsAdvertising { get; private set; }

    /// <summary>The local name passed to <see cref="StartAdvertising"/>.</summary>
    public string? LocalName { get; private set; }

    /// <summary>The service UUID passed to <see cref="StartAdvertising"/> (16 bytes, big-endian).</summary>
    public byte[]? ServiceUuid { get; private set; }

    /// <summary>Notifications refused because the radio's queue was full.</summary>
    public long NotifyRefusals { get; private set; }

    /// <inheritdoc />
    public bool IsConnected => _link.Current is not null;

    /// <inheritdoc />
    public int Mtu => _link.Current?.Mtu ?? SimBleLink.MinimumMtu;

    /// <inheritdoc />
    public event BleConnectionHandler? ConnectionChanged;

    /// <inheritdoc />
    public event BleWriteHandler? WriteReceived;

    /// <summary>The status value a phone reads now (a copy).</summary>
    public byte[] Status => (byte[])_status.Clone();

    /// <inheritdoc />
    public void StartAdvertising(string localName, byte[] serviceUuid, byte[] writeCharacteristicUuid,
        byte[] notifyCharacteristicUuid, byte[] statusCharacteristicUuid)
    {
        ArgumentNullException.ThrowIfNull(localName);
        foreach (var uuid in new[] { serviceUuid, writeCharacteristicUuid, notifyCharacteristicUuid, statusCharacteristicUuid })
        {
            ArgumentNullException.ThrowIfNull(uuid);
            if (uuid.Length != 16)
            {
                throw new ArgumentException("UUIDs are 16 bytes.");
            }
        }

        LocalName = localName;
        ServiceUuid = (byte[])serviceUuid.Clone();
        IsAdvertising = true;
    }

    /// <inheritdoc />
    public void StopAdvertising() => IsAdvertising = false;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="Mtu"/> - 3 bytes: a firmware bug.</exception>
    public bool Notify(byte[] value, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, value.Length);
        var connection = _link.Current;
        if (connection is null || !connection.Subscribed)
        {
            return false;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, connection.Mtu - 3);
        if (!_link.Send(connection, toCard: false, value.AsSpan(offset, count).ToArray()))
        {
            NotifyRefusals++;
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    public void SetStatus(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _status = (byte[])value.Clone();
    }

    /// <inheritdoc />
    public void Disconnect() => _link.RequestDisconnect();

    internal void OnConnectionChanged(bool connected) => ConnectionChanged?.Invoke(connected);

    internal void OnWrite(byte[] value) => WriteReceived?.Invoke((byte[])value.Clone());
}
