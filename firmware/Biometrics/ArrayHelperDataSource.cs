namespace CardFirmware.Biometrics
{
    /// <summary>Helper data held in one array (enrollment's output, tests, the evaluation), read through <see cref="IHelperDataSource"/>.</summary>
    internal sealed class ArrayHelperDataSource : IHelperDataSource
    {
        private byte[] _bytes;

        /// <summary>Reads from <paramref name="bytes"/> until <see cref="Detach"/>.</summary>
        public void Attach(byte[] bytes)
        {
            _bytes = bytes;
        }

        /// <summary>Forgets the array.</summary>
        public void Detach()
        {
            _bytes = null;
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _bytes == null ? -1 : _bytes.Length; }
        }

        /// <inheritdoc />
        public void Read(int offset, byte[] buffer, int bufferOffset, int count)
        {
            if (_bytes == null || offset < 0 || count < 0 || offset > _bytes.Length - count)
            {
                throw new BiometricException(BiometricError.HelperDataMalformed);
            }

            System.Array.Copy(_bytes, offset, buffer, bufferOffset, count);
        }
    }
}
