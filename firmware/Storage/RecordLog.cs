using CardFirmware.Crypto;
using CardFirmware.Hal;

namespace CardFirmware.Storage
{
    /// <summary>
    /// A power-safe key-value store on NOR flash: an append-only, checksummed record log with
    /// atomic commit (layout in <see cref="RecordFormat"/>).
    ///
    /// Guarantees, under the flash model of <see cref="IFlash"/> (a cut write leaves a prefix of
    /// its bytes programmed, the byte at the cut possibly partly programmed, or, as a real chip
    /// tearing a program page, any subset of the write's bits programmed; a cut erase leaves its
    /// page anywhere between old contents and 0xFF; a cut never touches bytes outside the
    /// interrupted operation):
    /// <list type="bullet">
    /// <item>An update of a key is atomic: after a power cut at any point, the next mount reads
    /// the key's previous value or its new value, never a mixture and never nothing. The record's
    /// commit marker is written last, in its own write.</item>
    /// <item>Compaction is atomic: live records are copied into the spare area, whose area header
    /// (with the next sequence number) is written last; until it is complete the old area stays
    /// the live one. A cut during the erase of the spare area touches only the stale area. An
    /// update or delete that does not fit in the live area is folded into a compaction, so it
    /// needs room only for the result.</item>
    /// <item>Mount scans the live area, skips torn records (an incomplete header: its 12 bytes;
    /// a complete header: the whole record it announces) and resumes appending after them, so no
    /// byte that may hold a partial write is ever programmed again. If any byte after the
    /// append point is not erased (a damaged or hostile image: bits programmed where no record
    /// is), the next update or delete is folded into a compaction into the freshly erased spare
    /// area instead of programming over those bytes, which would corrupt the record written.</item>
    /// <item>A record that was committed and changed afterwards (bit rot, a glitch, a rewrite) is
    /// not taken for a torn one: its commit marker is complete but its checksum fails, or its
    /// marker has a bit cleared that the marker keeps set (a cut write only ever clears bits the
    /// write meant to clear). Its key is reported by <see cref="IsDamaged"/> until a newer value
    /// or a delete replaces it, also across compactions (the damaged record is copied as it is).
    /// The key keeps any older value it had, readable as before.</item>
    /// <item>A header that fails its check is a torn one if the next record starts a multiple of
    /// 12 bytes on (appending resumed after it) or nothing follows; if a committed record starts
    /// at any other offset, the header was changed after it was written: the scan resumes at that
    /// record and counts an <see cref="UnreadableRegions"/>, instead of losing every record after
    /// it. A header that passes its check but describes an impossible record is skipped the same
    /// way; mount never throws on what the flash holds.</item>
    /// </list>
    /// Not thread-safe: the card's main loop owns it. Values are read from flash on demand; only
    /// the key index lives in RAM (three int arrays).
    /// </summary>
    /// <remarks>
    /// Security: the log stores what it is given. Secrets must be encrypted by the caller; a
    /// superseded record stays readable on the flash until the next compaction erases it.
    /// Brute-force counters must be written (and this call return) before the attempt they
    /// count is evaluated.
    /// </remarks>
    public sealed class RecordLog
    {
        /// <summary>Longest value in bytes (also bounded by one area's size).</summary>
        public const int MaxValueLength = 32768;

        private const int CopyChunk = 64;

        private readonly IFlash _flash;
        private readonly int _areaBase0;
        private readonly int _areaSize;
        private readonly KeyIndex _index = new KeyIndex();
        private readonly KeyIndex _damaged = new KeyIndex();
        private readonly byte[] _header = new byte[RecordFormat.AreaHeaderSize];
        private readonly byte[] _chunk = new byte[CopyChunk];
        private readonly byte[] _recordHeader = new byte[RecordFormat.RecordHeaderSize];
        private readonly byte[] _trailer = new byte[RecordFormat.TrailerSize];

        // The last search for a record after an unreadable header (FindRecordAfter): where it
        // started, where it stopped and what it found (-1: nothing).
        private int _searchFrom = -1;
        private int _searchStop;
        private int _searchResult;
        private int _activeArea;
        private uint _sequence;
        private int _appendAddress;
        private bool _tailProgrammed;
        private int _liveBytes;

        private RecordLog(IFlash flash, int firstPage, int pageCount)
        {
            _flash = flash;
            _areaBase0 = firstPage * flash.PageSize;
            _areaSize = (pageCount / 2) * flash.PageSize;
        }

        /// <summary>
        /// Mounts the log kept in pages [<paramref name="firstPage"/>, <paramref name="firstPage"/> +
        /// <paramref name="pageCount"/>) of <paramref name="flash"/>: picks the valid area with the
        /// newest sequence number, rebuilds the key index and finds the append point. A partition
        /// without any valid area header holds no committed data under this layout (the header is
        /// written before the first record), so it is formatted; <see cref="WasFormatted"/> says so.
        /// </summary>
        /// <param name="flash">The flash device.</param>
        /// <param name="firstPage">First page of the partition.</param>
        /// <param name="pageCount">Pages in the partition; even and at least 2 (two equal areas).</param>
        /// <exception cref="StorageException">BadGeometry for an unusable partition. What the flash
        /// holds never makes it throw: damage is reported (<see cref="IsDamaged"/>, <see cref="UnreadableRegions"/>).</exception>
        public static RecordLog Mount(IFlash flash, int firstPage, int pageCount)
        {
            if (flash == null)
            {
                throw new StorageException(StorageError.InvalidArgument);
            }

            if (firstPage < 0 || pageCount < 2 || (pageCount & 1) != 0 || firstPage + pageCount > flash.PageCount
                || (pageCount / 2) * flash.PageSize < RecordFormat.AreaHeaderSize + RecordFormat.RecordOverhead)
            {
                throw new StorageException(StorageError.BadGeometry);
            }

            RecordLog log = new RecordLog(flash, firstPage, pageCount);
            log.MountAreas();
            return log;
        }

        /// <summary>True if this mount found no valid area and formatted the partition.</summary>
        public bool WasFormatted { get; private set; }

        /// <summary>Number of keys with a live value.</summary>
        public int Count
        {
            get { return _index.Count; }
        }

        /// <summary>Bytes one area can hold for records (area size minus its header).</summary>
        public int Capacity
        {
            get { return _areaSize - RecordFormat.AreaHeaderSize; }
        }

        /// <summary>Bytes the live records occupy (values plus 20 bytes of framing each).</summary>
        public int LiveBytes
        {
            get { return _liveBytes; }
        }

        /// <summary>Bytes left in the live area before the next compaction.</summary>
        public int FreeBytes
        {
            get { return AreaBase(_activeArea) + _areaSize - _appendAddress; }
        }

        /// <summary>The sequence number of the live area (incremented by every compaction).</summary>
        public uint Sequence
        {
            get { return _sequence; }
        }

        /// <summary>Bytes this instance passed to <see cref="IFlash.Write"/>.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Pages this instance erased.</summary>
        public long Erases { get; private set; }

        /// <summary>Compactions this instance completed.</summary>
        public int Compactions { get; private set; }

        /// <summary>Records the mount skipped because they were torn (never committed).</summary>
        public int TornRecordsSkipped { get; private set; }

        /// <summary>
        /// Stretches of the live area the mount could not read as records: a header changed after
        /// it was written (its key is unknown, so that key reads as its previous value or none),
        /// or one describing an impossible record. Not carried over by a compaction.
        /// </summary>
        public int UnreadableRegions { get; private set; }

        /// <summary>Committed records the mount read (values and tombstones, live or superseded).</summary>
        public int RecordsScanned { get; private set; }

        /// <summary>The key in index position <paramref name="position"/> (0 to <see cref="Count"/> - 1; order is arbitrary).</summary>
        public int KeyAt(int position)
        {
            if (position < 0 || position >= _index.Count)
            {
                throw new StorageException(StorageError.InvalidArgument);
            }

            return _index.KeyAt(position);
        }

        /// <summary>
        /// True if the newest committed record of <paramref name="key"/> was changed after its
        /// commit (see the class remarks). <see cref="Get"/> still returns the previous value, if
        /// any: the caller decides whether that may be used.
        /// </summary>
        public bool IsDamaged(int key)
        {
            return _damaged.Find(key) >= 0;
        }

        /// <summary>Number of keys whose newest committed record is damaged.</summary>
        public int DamagedKeys
        {
            get { return _damaged.Count; }
        }

        /// <summary>True if <paramref name="key"/> has a live value.</summary>
        public bool Contains(int key)
        {
            return _index.Find(key) >= 0;
        }

        /// <summary>The length of the value of <paramref name="key"/>, or -1 if it has none.</summary>
        public int GetLength(int key)
        {
            int slot = _index.Find(key);
            return slot < 0 ? -1 : _index.LengthAt(slot);
        }

        /// <summary>A new array holding the value of <paramref name="key"/>, or null if it has none.</summary>
        /// <remarks>Security: the array is the caller's; if it holds key material the caller wipes it (<c>Wipe.Bytes</c>).</remarks>
        public byte[] Get(int key)
        {
            int slot = _index.Find(key);
            if (slot < 0)
            {
                return null;
            }

            byte[] value = new byte[_index.LengthAt(slot)];
            _flash.Read(_index.AddressAt(slot) + RecordFormat.RecordHeaderSize, value, 0, value.Length);
            return value;
        }

        /// <summary>
        /// Streams part of a value: copies up to <paramref name="count"/> bytes of the value of
        /// <paramref name="key"/>, starting at byte <paramref name="valueOffset"/> of the value, into
        /// <paramref name="buffer"/> at <paramref name="offset"/>. Returns the bytes copied (fewer
        /// at the end of the value).
        /// </summary>
        /// <exception cref="StorageException">NotFound if the key has no value; InvalidArgument for a bad range.</exception>
        public int Read(int key, int valueOffset, byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            int slot = _index.Find(key);
            if (slot < 0)
            {
                throw new StorageException(StorageError.NotFound);
            }

            int length = _index.LengthAt(slot);
            if (valueOffset < 0 || valueOffset > length)
            {
                throw new StorageException(StorageError.InvalidArgument);
            }

            int n = length - valueOffset < count ? length - valueOffset : count;
            _flash.Read(_index.AddressAt(slot) + RecordFormat.RecordHeaderSize + valueOffset, buffer, offset, n);
            return n;
        }

        /// <summary>
        /// Stores <paramref name="count"/> bytes of <paramref name="value"/> as the value of
        /// <paramref name="key"/> (0 to 65535), atomically replacing any previous value. If the live
        /// area has no room, the update is folded into a compaction (the old value is left out of
        /// the copy). When it returns, the value is committed on flash.
        /// </summary>
        /// <exception cref="StorageException">TooLarge, Full, InvalidArgument.</exception>
        public void Put(int key, byte[] value, int offset, int count)
        {
            CheckKey(key);
            CheckRange(value, offset, count);
            if (count > MaxValueLength || count + RecordFormat.RecordOverhead > Capacity)
            {
                throw new StorageException(StorageError.TooLarge);
            }

            int oldSlot = _index.Find(key);
            int oldSize = oldSlot < 0 ? 0 : _index.LengthAt(oldSlot) + RecordFormat.RecordOverhead;
            int size = count + RecordFormat.RecordOverhead;
            if (!HasRoom(size))
            {
                if (_liveBytes - oldSize + size > Capacity)
                {
                    throw new StorageException(StorageError.Full);
                }

                Rebuild(key, value, offset, count, true);
                return;
            }

            int address = Reserve(size);
            AppendRecord(address, RecordFormat.KindValue, key, value, offset, count);
            _index.Set(key, address, count);
            _liveBytes += size - oldSize - ForgetDamage(key);
        }

        /// <summary>Stores all of <paramref name="value"/> as the value of <paramref name="key"/>; see <see cref="Put(int, byte[], int, int)"/>.</summary>
        public void Put(int key, byte[] value)
        {
            if (value == null)
            {
                throw new StorageException(StorageError.InvalidArgument);
            }

            Put(key, value, 0, value.Length);
        }

        /// <summary>
        /// Deletes <paramref name="key"/> by appending a tombstone; returns false (and writes
        /// nothing) if it had no value. Atomic like <see cref="Put(int, byte[], int, int)"/>; in a
        /// full area the delete is folded into a compaction, so deleting always works.
        /// </summary>
        /// <exception cref="StorageException">InvalidArgument.</exception>
        public bool Delete(int key)
        {
            CheckKey(key);
            int slot = _index.Find(key);
            if (slot < 0 && !IsDamaged(key))
            {
                return false;
            }

            if (!HasRoom(RecordFormat.RecordOverhead))
            {
                // No room for a tombstone: a compaction that leaves the key out deletes it just as
                // atomically, and always fits.
                Rebuild(key, null, 0, 0, false);
                return true;
            }

            int oldSize = slot < 0 ? 0 : _index.LengthAt(slot) + RecordFormat.RecordOverhead;
            int address = Reserve(RecordFormat.RecordOverhead);
            AppendRecord(address, RecordFormat.KindTombstone, key, _chunk, 0, 0);
            _index.Remove(key);
            _liveBytes -= oldSize + ForgetDamage(key);
            return true;
        }

        /// <summary>
        /// Copies the live records into the spare area and makes it the live one (erasing the
        /// spare area first: pages/2 erases). Power-safe: see the class remarks.
        /// </summary>
        public void Compact()
        {
            Rebuild(-1, null, 0, 0, false);
        }

        private int AreaBase(int area)
        {
            return _areaBase0 + area * _areaSize;
        }

        private bool HasRoom(int size)
        {
            return !_tailProgrammed && _appendAddress + size <= AreaBase(_activeArea) + _areaSize;
        }

        /// <summary>Returns the address for a record of <paramref name="size"/> bytes and moves the append point past it.</summary>
        private int Reserve(int size)
        {
            // The append point moves before the first byte is written, so that even an instance
            // that survived a failed write would never program those bytes again.
            int address = _appendAddress;
            _appendAddress += size;
            return address;
        }

        /// <summary>
        /// Compaction: erases the spare area, copies every live record except the one of
        /// <paramref name="replacedKey"/> (-1: none) into it, appends the new value of that key if
        /// <paramref name="append"/>, and commits by writing the area header last. Until that
        /// header is complete the old area, with the old value, stays the live one; so an update
        /// or a delete folded into a compaction is as atomic as an append.
        /// </summary>
        private void Rebuild(int replacedKey, byte[] value, int offset, int count, bool append)
        {
            int target = 1 - _activeArea;
            int targetBase = AreaBase(target);
            int firstPage = targetBase / _flash.PageSize;
            int pages = _areaSize / _flash.PageSize;
            for (int p = 0; p < pages; p++)
            {
                _flash.ErasePage(firstPage + p);
                Erases++;
            }

            int slots = _index.Count;
            int[] newAddresses = new int[slots];
            int destination = targetBase + RecordFormat.AreaHeaderSize;
            for (int slot = 0; slot < slots; slot++)
            {
                if (_index.KeyAt(slot) == replacedKey)
                {
                    continue;
                }

                newAddresses[slot] = destination;
                int size = _index.LengthAt(slot) + RecordFormat.RecordOverhead;
                try
                {
                    CopyRecord(_index.AddressAt(slot), destination, size);
                }
                finally
                {
                    Wipe.Bytes(_chunk);
                }

                destination += size;
            }

            // A damaged record is carried over as it is, so that the damage stays reported after
            // the compaction instead of the key silently falling back to an older value or none.
            int damagedSlots = _damaged.Count;
            int[] newDamagedAddresses = new int[damagedSlots];
            for (int slot = 0; slot < damagedSlots; slot++)
            {
                if (_damaged.KeyAt(slot) == replacedKey)
                {
                    continue;
                }

                newDamagedAddresses[slot] = destination;
                int size = _damaged.LengthAt(slot) + RecordFormat.RecordOverhead;
                try
                {
                    CopyRecordAsItIs(_damaged.AddressAt(slot), destination, size);
                }
                finally
                {
                    Wipe.Bytes(_chunk);
                }

                destination += size;
            }

            int appendedAt = destination;
            if (append)
            {
                AppendRecord(destination, RecordFormat.KindValue, replacedKey, value, offset, count);
                destination += count + RecordFormat.RecordOverhead;
            }

            uint sequence = _sequence + 1;
            WriteAreaHeader(targetBase, sequence);

            for (int slot = 0; slot < slots; slot++)
            {
                _index.SetAddressAt(slot, newAddresses[slot]);
            }

            for (int slot = 0; slot < damagedSlots; slot++)
            {
                _damaged.SetAddressAt(slot, newDamagedAddresses[slot]);
            }

            if (replacedKey >= 0)
            {
                ForgetDamage(replacedKey);
            }

            if (append)
            {
                _index.Set(replacedKey, appendedAt, count);
            }
            else if (replacedKey >= 0)
            {
                _index.Remove(replacedKey);
            }

            _activeArea = target;
            _sequence = sequence;
            _appendAddress = destination;
            _tailProgrammed = false;
            _liveBytes = destination - targetBase - RecordFormat.AreaHeaderSize;
            Compactions++;
        }

        /// <summary>Writes header, value and checksum, then the commit marker as a separate last write.</summary>
        private void AppendRecord(int address, byte kind, int key, byte[] value, int offset, int count)
        {
            byte[] header = _recordHeader;
            RecordFormat.EncodeRecordHeader(header, kind, key, count);
            uint crc = Crc32.Update(Crc32.Initial, header, 0, header.Length);
            crc = Crc32.Finish(Crc32.Update(crc, value, offset, count));
            byte[] trailer = _trailer;
            LittleEndian.PutUInt32(trailer, 0, crc);
            RecordFormat.PutCommitMarker(trailer, 4);

            Write(address, header, 0, header.Length);
            if (count > 0)
            {
                Write(address + RecordFormat.RecordHeaderSize, value, offset, count);
            }

            int trailerAddress = address + RecordFormat.RecordHeaderSize + count;
            Write(trailerAddress, trailer, 0, 4);
            Write(trailerAddress + 4, trailer, 4, 4);
        }

        /// <summary>Copies one committed record, re-checking its checksum on the way.</summary>
        private void CopyRecord(int source, int destination, int size)
        {
            int checkedLength = size - RecordFormat.TrailerSize;
            uint crc = Crc32.Initial;
            for (int done = 0; done < size; done += CopyChunk)
            {
                int n = size - done < CopyChunk ? size - done : CopyChunk;
                _flash.Read(source + done, _chunk, 0, n);
                int toCheck = checkedLength - done < n ? checkedLength - done : n;
                if (toCheck > 0)
                {
                    crc = Crc32.Update(crc, _chunk, 0, toCheck);
                }

                Write(destination + done, _chunk, 0, n);
            }

            _flash.Read(source + checkedLength, _chunk, 0, 4);
            if (LittleEndian.GetUInt32(_chunk, 0) != Crc32.Finish(crc))
            {
                throw new StorageException(StorageError.Corrupt);
            }
        }

        /// <summary>Copies one damaged record byte for byte (its checksum fails by definition).</summary>
        private void CopyRecordAsItIs(int source, int destination, int size)
        {
            for (int done = 0; done < size; done += CopyChunk)
            {
                int n = size - done < CopyChunk ? size - done : CopyChunk;
                _flash.Read(source + done, _chunk, 0, n);
                Write(destination + done, _chunk, 0, n);
            }
        }

        /// <summary>Stops reporting <paramref name="key"/> as damaged; returns the bytes its damaged record occupied (0 if none).</summary>
        private int ForgetDamage(int key)
        {
            int slot = _damaged.Find(key);
            if (slot < 0)
            {
                return 0;
            }

            int size = _damaged.LengthAt(slot) + RecordFormat.RecordOverhead;
            _damaged.Remove(key);
            return size;
        }

        private void WriteAreaHeader(int areaBase, uint sequence)
        {
            RecordFormat.EncodeAreaHeader(_header, sequence);
            Write(areaBase, _header, 0, _header.Length);
        }

        private void Write(int address, byte[] data, int offset, int count)
        {
            _flash.Write(address, data, offset, count);
            BytesWritten += count;
        }

        private void MountAreas()
        {
            bool valid0 = ReadAreaHeader(0);
            uint sequence0 = RecordFormat.AreaSequence(_header);
            bool valid1 = ReadAreaHeader(1);
            uint sequence1 = RecordFormat.AreaSequence(_header);

            if (!valid0 && !valid1)
            {
                Format();
                return;
            }

            // Serial-number comparison: the newer area wins even across a wrap of the counter.
            if (valid0 && (!valid1 || (int)(sequence0 - sequence1) > 0))
            {
                _activeArea = 0;
                _sequence = sequence0;
            }
            else
            {
                _activeArea = 1;
                _sequence = sequence1;
            }

            Scan();
        }

        private bool ReadAreaHeader(int area)
        {
            _flash.Read(AreaBase(area), _header, 0, _header.Length);
            return RecordFormat.IsValidAreaHeader(_header);
        }

        /// <summary>Erases area 0 and gives it sequence 1. A cut here leaves no valid area, so the next mount formats again.</summary>
        private void Format()
        {
            int firstPage = _areaBase0 / _flash.PageSize;
            int pages = _areaSize / _flash.PageSize;
            for (int p = 0; p < pages; p++)
            {
                _flash.ErasePage(firstPage + p);
                Erases++;
            }

            WriteAreaHeader(_areaBase0, 1);
            _activeArea = 0;
            _sequence = 1;
            _appendAddress = _areaBase0 + RecordFormat.AreaHeaderSize;
            WasFormatted = true;
        }

        /// <summary>Walks the live area from its first record to the first blank header.</summary>
        private void Scan()
        {
            try
            {
                ScanRecords();
            }
            finally
            {
                // The copy buffer held stored bytes (possibly key material).
                Wipe.Bytes(_chunk);
            }
        }

        private void ScanRecords()
        {
            _searchFrom = -1;
            int end = AreaBase(_activeArea) + _areaSize;
            int address = AreaBase(_activeArea) + RecordFormat.AreaHeaderSize;
            byte[] header = _recordHeader;
            while (address + RecordFormat.RecordHeaderSize <= end)
            {
                _flash.Read(address, header, 0, header.Length);
                if (RecordFormat.IsBlank(header, header.Length))
                {
                    break;
                }

                if (!RecordFormat.HeaderCheckPasses(header))
                {
                    int resumed = FindRecordAfter(address, end);
                    if (resumed < 0 || (resumed - address) % RecordFormat.RecordHeaderSize == 0)
                    {
                        // A cut fell inside these 12 bytes, and appending resumed right after
                        // them: the next record, if any, starts 12 bytes on (or after more torn headers).
                        TornRecordsSkipped++;
                        address += RecordFormat.RecordHeaderSize;
                        continue;
                    }

                    // No cut leaves the next record at any other offset: this header was changed
                    // after it was written. Its key is unknown; the records after it still count.
                    UnreadableRegions++;
                    address = resumed;
                    continue;
                }

                if (!IsPossibleRecord(header, address, end))
                {
                    // A header that passes its check but describes an impossible record comes from
                    // damage or a hostile writer, never from a cut. Skip to the next record; with
                    // none, the area counts as full, so the next write compacts (it never programs
                    // bytes that may hold data).
                    UnreadableRegions++;
                    int resumed = FindRecordAfter(address, end);
                    if (resumed < 0)
                    {
                        address = end;
                        break;
                    }

                    address = resumed;
                    continue;
                }

                int length = (int)LittleEndian.GetUInt32(header, 4);
                byte kind = header[1];
                int key = LittleEndian.GetUInt16(header, 2);
                int state = CheckRecord(address, header, length);
                if (state == RecordCommitted)
                {
                    RecordsScanned++;
                    _liveBytes -= ForgetDamage(key);
                    Apply(kind, key, address, length);
                }
                else if (state == RecordDamaged)
                {
                    _liveBytes += length + RecordFormat.RecordOverhead - ForgetDamage(key);
                    _damaged.Set(key, address, length);
                }
                else
                {
                    TornRecordsSkipped++;
                }

                address += length + RecordFormat.RecordOverhead;
            }

            _appendAddress = address;
            _tailProgrammed = !IsErased(address, end);
        }

        /// <summary>True if every byte in [<paramref name="address"/>, <paramref name="end"/>) reads 0xFF.</summary>
        private bool IsErased(int address, int end)
        {
            for (int at = address; at < end; at += CopyChunk)
            {
                int n = end - at < CopyChunk ? end - at : CopyChunk;
                _flash.Read(at, _chunk, 0, n);
                if (!RecordFormat.IsBlank(_chunk, n))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsPossibleRecord(byte[] header, int address, int end)
        {
            uint length = LittleEndian.GetUInt32(header, 4);
            byte kind = header[1];
            return header[0] == RecordFormat.RecordMagic && length <= MaxValueLength
                && (kind == RecordFormat.KindValue || (kind == RecordFormat.KindTombstone && length == 0))
                && address + (int)length + RecordFormat.RecordOverhead <= end;
        }

        /// <summary>
        /// The first committed record after the unreadable header at <paramref name="address"/>,
        /// found byte by byte; -1 if the area ends or a blank header comes first at a multiple of
        /// 12 bytes on (where appending resumed after torn headers). A chance match needs a header
        /// check, a record checksum and the commit marker to pass together.
        /// </summary>
        private int FindRecordAfter(int address, int end)
        {
            // Unreadable headers come in runs (12 bytes apart after torn appends, or a whole damaged
            // stretch), and the search from a later header of the run, a multiple of 12 bytes on and
            // before where the last search stopped, covers a part of the same bytes with the same
            // blank positions: its answer is the same. Searching again from each header made a mount
            // quadratic in the length of the run (seconds for tens of KiB, found by tools/Fuzz, boot).
            if (_searchFrom >= 0 && address > _searchFrom && address < _searchStop
                && (address - _searchFrom) % RecordFormat.RecordHeaderSize == 0)
            {
                return _searchResult;
            }

            _searchFrom = address;
            byte[] probe = _recordHeader;
            for (int candidate = address + 1; candidate + RecordFormat.RecordHeaderSize <= end; candidate++)
            {
                _flash.Read(candidate, probe, 0, probe.Length);
                if ((candidate - address) % RecordFormat.RecordHeaderSize == 0 && RecordFormat.IsBlank(probe, probe.Length))
                {
                    _searchStop = candidate;
                    _searchResult = -1;
                    return -1;
                }

                if (RecordFormat.HeaderCheckPasses(probe) && IsPossibleRecord(probe, candidate, end)
                    && CheckRecord(candidate, probe, (int)LittleEndian.GetUInt32(probe, 4)) == RecordCommitted)
                {
                    _searchStop = candidate;
                    _searchResult = candidate;
                    return candidate;
                }
            }

            _searchStop = end;
            _searchResult = -1;
            return -1;
        }

        private const int RecordTorn = 0;
        private const int RecordCommitted = 1;
        private const int RecordDamaged = 2;

        /// <summary>
        /// Classifies the record at <paramref name="address"/>: committed (checksum and marker
        /// complete), damaged (changed after its commit: a complete marker with a failing
        /// checksum, or a marker with a bit cleared that a cut write would have left set), or torn.
        /// </summary>
        private int CheckRecord(int address, byte[] header, int length)
        {
            uint crc = Crc32.Update(Crc32.Initial, header, 0, header.Length);
            int valueAddress = address + RecordFormat.RecordHeaderSize;
            for (int done = 0; done < length; done += CopyChunk)
            {
                int n = length - done < CopyChunk ? length - done : CopyChunk;
                _flash.Read(valueAddress + done, _chunk, 0, n);
                crc = Crc32.Update(crc, _chunk, 0, n);
            }

            _flash.Read(valueAddress + length, _chunk, 0, RecordFormat.TrailerSize);
            bool checksumPasses = LittleEndian.GetUInt32(_chunk, 0) == Crc32.Finish(crc);
            if (RecordFormat.IsCommitMarker(_chunk, 4))
            {
                return checksumPasses ? RecordCommitted : RecordDamaged;
            }

            return RecordFormat.CouldBeTornCommitMarker(_chunk, 4) ? RecordTorn : RecordDamaged;
        }

        private void Apply(byte kind, int key, int address, int length)
        {
            int slot = _index.Find(key);
            if (slot >= 0)
            {
                _liveBytes -= _index.LengthAt(slot) + RecordFormat.RecordOverhead;
            }

            if (kind == RecordFormat.KindTombstone)
            {
                _index.Remove(key);
                return;
            }

            _index.Set(key, address, length);
            _liveBytes += length + RecordFormat.RecordOverhead;
        }

        private static void CheckKey(int key)
        {
            if (key < 0 || key > 0xFFFF)
            {
                throw new StorageException(StorageError.InvalidArgument);
            }
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new StorageException(StorageError.InvalidArgument);
            }
        }
    }
}
