using CardFirmware.Hal;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Bus;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.HalSim.Gpio;
using CardFirmware.HalSim.Led;
using CardFirmware.HalSim.Power;
using CardFirmware.HalSim.Time;

namespace CardFirmware.HalSim.Board;

/// <summary>
/// The simulated card: everything behind <see cref="IBoard"/> wired together on one
/// <see cref="VirtualClock"/>. The firmware sees only the HAL interfaces; tests and tools use the
/// sim-side objects (<see cref="Clock"/>, <see cref="Bus"/>, <see cref="Link"/>, <see cref="Flash"/>...)
/// to drive and inspect it. Wiring: the fingerprint sensor sits on SPI chip select
/// <see cref="SensorChipSelect"/> (attach its model with <c>Bus.Attach</c>), with its IRQ and RST
/// lines on <see cref="SensorIrq"/> and <see cref="SensorReset"/>. Radio activity and IRQ edges
/// wake the board from light sleep.
/// </summary>
public sealed class SimBoard : IBoard, IFirmwareStore
{
    /// <summary>SPI chip-select line of the fingerprint sensor.</summary>
    public const int SensorChipSelect = 0;

    /// <summary>
    /// Builds a board fresh from the factory: an erased flash and an eFuse whose HMAC_UP key is drawn
    /// from <see cref="SimBoardOptions.EntropySeed"/> (the operating system's RNG when it is null).
    /// </summary>
    public SimBoard(SimBoardOptions? options = null)
        : this(options ?? new SimBoardOptions(), null, null, 0, null, null)
    {
    }

    /// <summary>
    /// Builds a board with an erased flash around an existing chip's <paramref name="efuse"/> (a
    /// tool restoring a simulated card from its state file; restore the flash image afterwards).
    /// </summary>
    public SimBoard(SimBoardOptions? options, SimEfuse efuse)
        : this(options ?? new SimBoardOptions(), null, efuse ?? throw new ArgumentNullException(nameof(efuse)), 0, null, null)
    {
    }

    private SimBoard(SimBoardOptions options, SimFlash? flash, SimEfuse? efuse, int bootNumber, SimFlash? firmwareFlash, SimFuseCounter? versions)
    {
        Options = options;
        BootNumber = bootNumber;
        Clock = new VirtualClock();
        Bus = new SimSpiBus();
        SensorSpi = Bus.Device(SensorChipSelect);
        SensorIrq = new SimInputPin();
        SensorReset = new SimOutputPin();
        Link = new SimBleLink(Clock, options.Link, options.CardMaxMtu);
        Flash = flash ?? new SimFlash(options.FlashPageSize, options.FlashPages);
        Efuse = efuse ?? SimEfuse.ProvisionFromSeed(options.EntropySeed, options.CounterBits);
        if (flash is null)
        {
            // One power supply: a cut in the flash or at a fuse burn stops both.
            Flash.PowerLost += Efuse.Counter.LosePower;
            Efuse.Counter.PowerLost += Flash.LosePower;
        }

        FirmwareFlash = firmwareFlash ?? new SimFlash(options.FlashPageSize, FirmwareSlotPages * 2);
        FirmwareVersionCounter = versions ?? new SimFuseCounter(FirmwareVersionCapacity, 0);
        if (firmwareFlash is null)
        {
            FirmwareFlash.PowerLost += Flash.LosePower;
            FirmwareFlash.PowerLost += Efuse.Counter.LosePower;
            FirmwareFlash.PowerLost += FirmwareVersionCounter.LosePower;
            Flash.PowerLost += FirmwareFlash.LosePower;
            Flash.PowerLost += FirmwareVersionCounter.LosePower;
            Efuse.Counter.PowerLost += FirmwareFlash.LosePower;
            FirmwareVersionCounter.PowerLost += FirmwareFlash.LosePower;
            FirmwareVersionCounter.PowerLost += Flash.LosePower;
        }

        // Each boot draws a different (but reproducible) stream, as the hardware RNG would.
        Entropy = options.EntropySeed is { } seed
            ? SimEntropy.Seeded(seed ^ ((ulong)bootNumber * 0x9E3779B97F4A7C15UL))
            : SimEntropy.OperatingSystem();
        Led = new SimLed(Clock);
        Power = new SimPower(Clock);
        Link.CardActivity += Power.WakeUp;
        SensorIrq.Edge += _ => Power.WakeUp();
    }

    /// <summary>Pages of one firmware slot (the simulated image is data: 64 KB per slot).</summary>
    public const int FirmwareSlotPages = 16;

    /// <summary>Versions the simulated firmware version counter can count.</summary>
    public const int FirmwareVersionCapacity = 256;

    /// <summary>The two firmware slots (<see cref="IFirmwareStore"/>), on the board's power supply.</summary>
    public SimFlash FirmwareFlash { get; }

    /// <summary>The firmware version counter (one-way), on the board's power supply.</summary>
    public SimFuseCounter FirmwareVersionCounter { get; }

    IFlash IFirmwareStore.FirmwareFlash => FirmwareFlash;

    IOneWayCounter IFirmwareStore.FirmwareVersionCounter => FirmwareVersionCounter;

    /// <summary>0 for the first power-on, incremented by each <see cref="PowerCycle"/>.</summary>
    public int BootNumber { get; }

    /// <summary>The options the board was built with.</summary>
    public SimBoardOptions Options { get; }

    /// <summary>The board's time; uptime starts at 0 at power-on.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The SPI bus; device models attach here.</summary>
    public SimSpiBus Bus { get; }

    /// <inheritdoc />
    public ISpiDevice SensorSpi { get; }

    /// <summary>The sensor's interrupt line, driven by the sensor model.</summary>
    public SimInputPin SensorIrq { get; }

    /// <summary>The sensor's reset line, written by the firmware.</summary>
    public SimOutputPin SensorReset { get; }

    /// <summary>The BLE link; <see cref="SimBleLink.Phone"/> is the phone's end.</summary>
    public SimBleLink Link { get; }

    /// <summary>The flash data partition, with power-loss injection.</summary>
    public SimFlash Flash { get; }

    /// <summary>The eFuse: the HMAC_UP key block (usable only through <see cref="SimEfuse.Hmac"/>) and the one-way counter's bits.</summary>
    public SimEfuse Efuse { get; }

    /// <summary>The entropy source.</summary>
    public SimEntropy Entropy { get; }

    /// <summary>The status LED with its history.</summary>
    public SimLed Led { get; }

    /// <summary>Power management.</summary>
    public SimPower Power { get; }

    IInputPin IBoard.SensorIrq => SensorIrq;

    IOutputPin IBoard.SensorReset => SensorReset;

    IBlePeripheral IBoard.Ble => Link.Card;

    IFlash IBoard.Flash => Flash;

    IHmacPeripheral IBoard.Hmac => Efuse.Hmac;

    IOneWayCounter IBoard.OneWayCounter => Efuse.Counter;

    IEntropySource IBoard.Entropy => Entropy;

    IClock IBoard.Clock => Clock;

    ILed IBoard.Led => Led;

    IPower IBoard.Power => Power;

    /// <summary>
    /// Power cycle: a new board for a new firmware instance, with this board's flash (contents
    /// and wear, powered on again after any cut), eFuse and options, and everything else fresh: uptime 0,
    /// no connection, LED off, nothing attached to the SPI bus (attach the sensor model again).
    /// This board must not be used afterwards.
    /// </summary>
    public SimBoard PowerCycle()
    {
        Flash.PowerOn();
        Efuse.Counter.PowerOn();
        FirmwareFlash.PowerOn();
        FirmwareVersionCounter.PowerOn();
        return new SimBoard(Options, Flash, Efuse, BootNumber + 1, FirmwareFlash, FirmwareVersionCounter);
    }
}
