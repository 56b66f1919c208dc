//
// Hand-written half of the nanoFramework interop for firmware/Device/Native/EfuseHmac.cs: the
// ESP32-S3 HMAC accelerator in upstream mode (TRM "HMAC Accelerator"), keyed by the eFuse key
// block burned with purpose HMAC_UP. The signature is the metadata processor's (generated header
// of the same name; ../README.md "Native glue"). Not built on the repository's machines.
//

#include "CardFirmware_Device.h"
#include "CardFirmware_Device_CardFirmware_Device_Native_EfuseHmac.h"

#include <esp_err.h>
#include <esp_hmac.h>

using namespace CardFirmware_Device::CardFirmware_Device_Native;

signed int EfuseHmac::NativeCompute(
    signed int keyBlock, CLR_RT_TypedArray_UINT8 message, signed int offset, signed int count,
    CLR_RT_TypedArray_UINT8 mac, signed int macOffset, HRESULT &hr)
{
    (void)hr;
    // The managed side checked the ranges; a native function never trusts a length it did not see.
    if (keyBlock < 0 || keyBlock > 5 || offset < 0 || count < 0 || (CLR_UINT32)offset > message.GetSize() ||
        (CLR_UINT32)count > message.GetSize() - (CLR_UINT32)offset || macOffset < 0 ||
        (CLR_UINT32)macOffset > mac.GetSize() || mac.GetSize() - (CLR_UINT32)macOffset < 32)
    {
        return ESP_ERR_INVALID_ARG;
    }

    // HMAC_KEY0..HMAC_KEY5 are the values 0..5 (esp_hmac.h, hmac_key_id_t). ESP_FAIL when the block
    // does not hold a key of purpose HMAC_UP.
    return esp_hmac_calculate(
        (hmac_key_id_t)keyBlock, message.GetBuffer() + offset, (size_t)count, mac.GetBuffer() + macOffset);
}
