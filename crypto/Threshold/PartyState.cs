namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Where a protocol party is. Every round method moves it forward by exactly one step.</summary>
    public enum PartyState
    {
        /// <summary>Created; the first round has not run.</summary>
        Created = 0,

        /// <summary>Sent the messages of round 1 and waits for the peers' round-1 messages.</summary>
        Round1Sent = 1,

        /// <summary>Sent the messages of round 2 and waits for the peers' round-2 messages.</summary>
        Round2Sent = 2,

        /// <summary>Sent the messages of round 3 and waits for the peers' round-3 messages.</summary>
        Round3Sent = 3,

        /// <summary>Signing only: the message-independent rounds are done; waits for the message hash.</summary>
        Presigned = 4,

        /// <summary>Finished; the result was handed out and the secret state wiped.</summary>
        Done = 5,

        /// <summary>Terminal: a check failed or a call was invalid; secret state is wiped.</summary>
        Aborted = 6,

        /// <summary>Signing only: the round-2 message is going out in pieces (<see cref="SignParty.Round2Open"/>); round 2 is sent after its last piece.</summary>
        Round2Sending = 7,
    }
}
