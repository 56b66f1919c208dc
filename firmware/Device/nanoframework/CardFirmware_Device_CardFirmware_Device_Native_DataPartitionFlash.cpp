//
// Hand-written half of the nanoFramework interop for firmware/Device/Native/DataPartitionFlash.cs:
// the card's record log partition ("cardlog", type data, subtype 0x40; ../partitions.csv) through
// ESP-IDF's partition API. The partition is not flagged encrypted, so esp_partition_write programs
// the bytes as given (NOR: bits only go from 1 to 0). Not built on the repository's machines
// (../README.md "Native glue").
//

#include "CardFirmware_Device.h"
#include "CardFirmware_Device_CardFirmware_Device_Native_DataPartitionFlash.h"

#include <esp_err.h>
#include <esp_partition.h>

using namespace CardFirmware_Device::CardFirmware_Device_Native;

namespace
{
const esp_partition_t *CardLog()
{
    static const esp_partition_t *partition = NULL;
    if (partition == NULL)
    {
        partition = esp_partition_find_first(ESP_PARTITION_TYPE_DATA, (esp_partition_subtype_t)0x40, "cardlog");
    }
    return partition;
}

bool InRange(const esp_partition_t *p, CLR_RT_TypedArray_UINT8 &a, signed int address, signed int offset, signed int count)
{
    return p != NULL && address >= 0 && offset >= 0 && count >= 0 && (CLR_UINT32)offset <= a.GetSize() &&
           (CLR_UINT32)count <= a.GetSize() - (CLR_UINT32)offset && (size_t)address <= p->size &&
           (size_t)count <= p->size - (size_t)address;
}
} // namespace

signed int DataPartitionFlash::NativeSize(HRESULT &hr)
{
    (void)hr;
    const esp_partition_t *p = CardLog();
    return p == NULL ? 0 : (signed int)p->size;
}

signed int DataPartitionFlash::NativeRead(
    signed int address, CLR_RT_TypedArray_UINT8 buffer, signed int offset, signed int count, HRESULT &hr)
{
    (void)hr;
    const esp_partition_t *p = CardLog();
    if (!InRange(p, buffer, address, offset, count))
    {
        return ESP_ERR_INVALID_ARG;
    }
    return esp_partition_read(p, (size_t)address, buffer.GetBuffer() + offset, (size_t)count);
}

signed int DataPartitionFlash::NativeWrite(
    signed int address, CLR_RT_TypedArray_UINT8 data, signed int offset, signed int count, HRESULT &hr)
{
    (void)hr;
    const esp_partition_t *p = CardLog();
    if (!InRange(p, data, address, offset, count))
    {
        return ESP_ERR_INVALID_ARG;
    }
    return esp_partition_write(p, (size_t)address, data.GetBuffer() + offset, (size_t)count);
}

signed int DataPartitionFlash::NativeErase(signed int address, signed int length, HRESULT &hr)
{
    (void)hr;
    const esp_partition_t *p = CardLog();
    if (p == NULL || address < 0 || length <= 0 || (size_t)address > p->size || (size_t)length > p->size - (size_t)address ||
        address % 4096 != 0 || length % 4096 != 0)
    {
        return ESP_ERR_INVALID_ARG;
    }
    return esp_partition_erase_range(p, (size_t)address, (size_t)length);
}
