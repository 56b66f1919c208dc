namespace CardFirmware.Hal
{
    /// <summary>
    /// Everything the firmware touches, wired by the board: on the card by the nanoFramework
    /// device binding, on a desktop by the simulator. Pin and bus assignment belong to the board,
    /// never to a driver.
    /// </summary>
    public interface IBoard
    {
        /// <summary>SPI device of the fingerprint sensor.</summary>
        ISpiDevice SensorSpi { get; }

        /// <summary>Sensor interrupt line (IRQ, active high).</summary>
        IInputPin SensorIrq { get; }

        /// <summary>Sensor reset line (RST, active low).</summary>
        IOutputPin SensorReset { get; }

        /// <summary>The Bluetooth LE radio.</summary>
        IBlePeripheral Ble { get; }

        /// <summary>The data partition of the SPI flash.</summary>
        IFlash Flash { get; }

        /// <summary>The HMAC accelerator keyed by the eFuse key block of purpose HMAC_UP (the card's hardware-bound secret).</summary>
        IHmacPeripheral Hmac { get; }

        /// <summary>The one-way counter that charges every evaluated finger touch.</summary>
        IOneWayCounter OneWayCounter { get; }

        /// <summary>The hardware random number generator.</summary>
        IEntropySource Entropy { get; }

        /// <summary>Time, delays and signals.</summary>
        IClock Clock { get; }

        /// <summary>The status LED.</summary>
        ILed Led { get; }

        /// <summary>Power management.</summary>
        IPower Power { get; }
    }
}
