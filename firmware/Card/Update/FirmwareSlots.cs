using CardFirmware.Card.Identity;
using CardFirmware.Crypto;
using CardFirmware.Hal;
using CardFirmware.Storage;

namespace CardFirmware.Card.Update
{
    /// <summary>
    /// Two firmware slots (A/B) on the firmware flash, each half of it, and which one is active: the
    /// record <see cref="StorageKeys.ActiveFirmware"/> = <c>slot(1) | version(4, BE) | length(4, BE) | SHA-256(32)</c>
    /// in the power-safe record log (absent: slot 0, the factory image, version 0). An update is
    /// written to the inactive slot only, so the running image is never touched; it becomes active
    /// by one atomic record write, after its hash was checked, and the version counter (one-way)
    /// then burns up to its version. Boot finishes a cut activation (<see cref="Recover"/>). On the
    /// card the slots are the ota_0/ota_1 app partitions and activation also sets the boot partition.
    /// </summary>
    public sealed class FirmwareSlots
    {
        private const int RecordLength = 1 + 4 + 4 + 32;
        private readonly IFlash _flash;
        private readonly RecordLog _log;
        private readonly IOneWayCounter _versions;

        /// <summary>Slots on <paramref name="flash"/>, the active one recorded in <paramref name="log"/>, versions burned into <paramref name="versions"/>.</summary>
        public FirmwareSlots(IFlash flash, RecordLog log, IOneWayCounter versions)
        {
            _flash = flash;
            _log = log;
            _versions = versions;
        }

        /// <summary>Bytes one slot holds.</summary>
        public int SlotSize
        {
            get { return (_flash.PageCount / 2) * _flash.PageSize; }
        }

        /// <summary>The active slot (0 or 1).</summary>
        public int ActiveSlot
        {
            get
            {
                byte[] record = ActiveRecord();
                return record == null ? 0 : record[0];
            }
        }

        /// <summary>The version of the active image (0: the factory image).</summary>
        public int ActiveVersion
        {
            get
            {
                byte[] record = ActiveRecord();
                return record == null ? 0 : ReadInt(record, 1);
            }
        }

        /// <summary>The version counter: no image of a version at or below it is accepted.</summary>
        public int MinimumVersion
        {
            get { return _versions.Value; }
        }

        /// <summary>Erases the pages of the inactive slot that an image of <paramref name="length"/> bytes needs.</summary>
        public void EraseInactive(int length)
        {
            int first = (1 - ActiveSlot) * (_flash.PageCount / 2);
            int pages = (length + _flash.PageSize - 1) / _flash.PageSize;
            for (int i = 0; i < pages; i++)
            {
                _flash.ErasePage(first + i);
            }
        }

        /// <summary>Programs <paramref name="count"/> bytes at <paramref name="imageOffset"/> of the inactive slot.</summary>
        public void WriteInactive(int imageOffset, byte[] data, int offset, int count)
        {
            _flash.Write(SlotBase(1 - ActiveSlot) + imageOffset, data, offset, count);
        }

        /// <summary>SHA-256 of the first <paramref name="length"/> bytes of the inactive slot, read back from flash.</summary>
        public byte[] HashInactive(int length)
        {
            Sha256 sha = new Sha256();
            byte[] block = new byte[256];
            int start = SlotBase(1 - ActiveSlot);
            for (int done = 0; done < length; done += block.Length)
            {
                int count = length - done < block.Length ? length - done : block.Length;
                _flash.Read(start + done, block, 0, count);
                sha.Update(block, 0, count);
            }

            byte[] hash = new byte[32];
            sha.Final(hash, 0);
            return hash;
        }

        /// <summary>
        /// Makes the inactive slot, holding a verified image of <paramref name="manifest"/>, the active
        /// one: one atomic record write, then the version counter burned up to the version.
        /// </summary>
        public void ActivateInactive(UpdateManifest manifest)
        {
            byte[] record = new byte[RecordLength];
            record[0] = (byte)(1 - ActiveSlot);
            WriteInt(record, 1, manifest.Version);
            WriteInt(record, 5, manifest.Length);
            System.Array.Copy(manifest.ImageHash, 0, record, 9, 32);
            _log.Put(StorageKeys.ActiveFirmware, record);
            Recover();
        }

        /// <summary>
        /// At boot: burns the version counter up to the active version if an activation was cut
        /// between its record and its last burn. Returns false if the active record is below the
        /// counter (an older flash image written back): that image must not run.
        /// </summary>
        public bool Recover()
        {
            int version = ActiveVersion;
            while (_versions.Value < version)
            {
                if (!_versions.Increment())
                {
                    return false;
                }
            }

            return _versions.Value == version;
        }

        private byte[] ActiveRecord()
        {
            if (!_log.Contains(StorageKeys.ActiveFirmware))
            {
                return null;
            }

            byte[] record = _log.Get(StorageKeys.ActiveFirmware);
            if (record.Length != RecordLength || record[0] > 1)
            {
                throw new StorageException(StorageError.Corrupt);
            }

            return record;
        }

        private int SlotBase(int slot)
        {
            return slot * SlotSize;
        }

        private static int ReadInt(byte[] buffer, int offset)
        {
            return (buffer[offset] << 24) | (buffer[offset + 1] << 16) | (buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        private static void WriteInt(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}
