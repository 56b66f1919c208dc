using System;

namespace CardFirmware.Card.Session
{
    /// <summary>An illegal session transition: a firmware bug, never caused by outside input.</summary>
    public sealed class CardStateException : Exception
    {
        /// <summary>Creates the exception for the move <paramref name="from"/> -> <paramref name="to"/>.</summary>
        public CardStateException(SessionState from, SessionState to)
            : base("Illegal session transition")
        {
            From = from;
            To = to;
        }

        /// <summary>State the machine was in.</summary>
        public SessionState From { get; private set; }

        /// <summary>State that was refused.</summary>
        public SessionState To { get; private set; }
    }
}
