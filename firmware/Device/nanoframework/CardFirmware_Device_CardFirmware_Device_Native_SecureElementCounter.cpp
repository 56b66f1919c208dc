//
// Hand-written half of the nanoFramework interop for firmware/Device/Native/SecureElementCounter.cs:
// the two monotonic counters of a Microchip ATECC608B on I2C, through cryptoauthlib (Espressif's
// esp-cryptoauthlib component, whose Kconfig sets the I2C pins: ../README.md "Wiring"). A counter
// counts up to 2,097,151 and never down (ATECC608B datasheet, Counter command). Not built on the
// repository's machines (../README.md "Native glue").
//

#include "CardFirmware_Device.h"
#include "CardFirmware_Device_CardFirmware_Device_Native_SecureElementCounter.h"

#include "cryptoauthlib.h"

using namespace CardFirmware_Device::CardFirmware_Device_Native;

namespace
{
bool Ready()
{
    static bool initialised = false;
    if (!initialised)
    {
        initialised = atcab_init(&cfg_ateccx08a_i2c_default) == ATCA_SUCCESS;
    }
    return initialised;
}
} // namespace

signed int SecureElementCounter::NativeRead(signed int counterId, HRESULT &hr)
{
    (void)hr;
    uint32_t value = 0;
    if ((counterId != 0 && counterId != 1) || !Ready() || atcab_counter_read((uint16_t)counterId, &value) != ATCA_SUCCESS)
    {
        return -1;
    }
    return (signed int)value;
}

signed int SecureElementCounter::NativeIncrement(signed int counterId, HRESULT &hr)
{
    (void)hr;
    uint32_t value = 0;
    if ((counterId != 0 && counterId != 1) || !Ready() ||
        atcab_counter_increment((uint16_t)counterId, &value) != ATCA_SUCCESS)
    {
        return -1;
    }
    return (signed int)value;
}
