using CardFirmware.Hal;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace CardFirmware.Device.Board
{
    /// <summary>
    /// <see cref="IPower"/>: light sleep through nanoFramework.Hardware.Esp32's <see cref="Sleep"/>
    /// (timer wake-up; the BLE controller and GPIO interrupts wake the chip as well), restart through
    /// nanoFramework.Runtime.Native's <see cref="Power.RebootDevice(RebootOption)"/>.
    /// </summary>
    public sealed class DevicePower : IPower
    {
        /// <inheritdoc/>
        /// <remarks>The reference board has no battery divider on an ADC pin (and the API surface
        /// has no ADC): 0 means "not measured", which the phone shows as such.</remarks>
        public int BatteryMillivolts
        {
            get { return 0; }
        }

        /// <inheritdoc/>
        public void LightSleep(int maxMilliseconds)
        {
            if (maxMilliseconds <= 0)
            {
                return;
            }

            Sleep.EnableWakeupByTimer(System.TimeSpan.FromMilliseconds(maxMilliseconds));
            Sleep.StartLightSleep();
        }

        /// <inheritdoc/>
        public void Restart()
        {
            Power.RebootDevice(RebootOption.NormalReboot);
        }
    }
}
