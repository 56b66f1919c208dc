//
// Hand-written half of the nanoFramework interop for firmware/Device/Native/HardwareRandom.cs: the
// ESP32-S3 random number generator (TRM "Random Number Generator") through esp_fill_random, true
// random while the radio is on. Not built on the repository's machines (../README.md "Native glue").
//

#include "CardFirmware_Device.h"
#include "CardFirmware_Device_CardFirmware_Device_Native_HardwareRandom.h"

#include <esp_random.h>

using namespace CardFirmware_Device::CardFirmware_Device_Native;

void HardwareRandom::NativeFill(CLR_RT_TypedArray_UINT8 buffer, signed int offset, signed int count, HRESULT &hr)
{
    if (offset < 0 || count < 0 || (CLR_UINT32)offset > buffer.GetSize() ||
        (CLR_UINT32)count > buffer.GetSize() - (CLR_UINT32)offset)
    {
        hr = CLR_E_INDEX_OUT_OF_RANGE;
        return;
    }

    esp_fill_random(buffer.GetBuffer() + offset, (size_t)count);
}
