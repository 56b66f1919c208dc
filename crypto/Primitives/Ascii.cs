namespace CardFirmware.Crypto
{
    /// <summary>
    /// ASCII bytes of fixed labels, tags, prologues and alphabets: the card has no
    /// System.Text.Encoding, and every protocol constant it hashes is plain ASCII.
    /// </summary>
    public static class Ascii
    {
        /// <summary>The low byte of each character of <paramref name="text"/> (its ASCII encoding for ASCII text).</summary>
        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
