//
// Hand-written half of the nanoFramework interop for firmware/Device/Ble/GattPeripheral.cs: the
// server-side disconnect that nanoFramework.Device.Bluetooth lacks. nanoFramework's ESP32 BLE runs
// on the NimBLE host; this ends every open connection with "remote user terminated connection"
// (Bluetooth Core Specification, Vol 1 Part F, error code 0x13). The card serves one phone at a
// time, so there is at most one. Not built on the repository's machines (../README.md "Native glue").
//

#include "CardFirmware_Device.h"
#include "CardFirmware_Device_CardFirmware_Device_Ble_GattPeripheral.h"

#include "host/ble_gap.h"
#include "host/ble_hs.h"

using namespace CardFirmware_Device::CardFirmware_Device_Ble;

void GattPeripheral::NativeDisconnect(HRESULT &hr)
{
    (void)hr;
    struct ble_gap_conn_desc desc;
    // Connection handles are 12-bit (Core Specification Vol 4 Part E §5.4.2: 0x0000-0x0EFF);
    // ble_gap_conn_find is a lookup in the host's short list of open connections.
    for (uint16_t handle = 0; handle <= 0x0EFF; handle++)
    {
        if (ble_gap_conn_find(handle, &desc) == 0)
        {
            ble_gap_terminate(handle, BLE_ERR_REM_USER_CONN_TERM);
        }
    }
}
