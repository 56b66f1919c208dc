namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// Round 2 of <see cref="SignParty"/> sent in pieces (README "Round messages in pieces"): the same 40,172-byte message
    /// as <see cref="Round2(byte[][])"/>, byte for byte, made a piece at a time into a small buffer, so that a party with
    /// little memory (the card) never holds it whole. The header and R_i go first, then τ a batch of rows at a time, and
    /// last u ‖ ρ ‖ Γ^u ‖ Γ^v ‖ ψ, which need every row. The receiver joins the pieces and reads one message.
    /// </summary>
    public sealed partial class SignParty
    {
        // Bytes of the body after τ: u, ρ, Γ^u, Γ^v, ψ.
        private const int Round2TailBytes = (2 * Params.ScalarBytes) + Params.HashBytes + (2 * Params.PointBytes);

        private RvoleAliceStream _aliceStream;
        private int _round2Written;

        /// <summary>Bytes of the round-2 message, header included (40,172).</summary>
        public static int Round2MessageBytes
        {
            get { return Wire.HeaderBytes + Round2Body; }
        }

        /// <summary>
        /// Starts round 2 in pieces on the peer's round-1 message held in the <paramref name="length"/> bytes of
        /// <paramref name="buffer"/> at <paramref name="offset"/> (read in place): checks it as <see cref="Round2(byte[][])"/>
        /// does, the KOS check included, and leaves the party sending (<see cref="Round2Next"/>). Returns the whole message's length.
        /// </summary>
        /// <exception cref="ThresholdException">KeyMismatch, OtExtensionCheckFailed and message errors; the party aborts.</exception>
        public int Round2Open(byte[] buffer, int offset, int length)
        {
            Enter(PartyState.Round1Sent);
            try
            {
                WireReader r = Wire.Open(buffer, offset, length, Wire.ProtocolSign, 1, _peer, _me, _sessionId, Round1Body);
                int bobAt = ReadRound1(r);
                PairSetup pair = _share.Pair(_peer);
                _aliceStream = RvoleAliceStream.Begin(_backend, pair.AliceDelta, pair.AliceSeeds, _sessionId, _peer, _me, _nonce, _secret, _random, buffer, bobAt, _work);
                _round2Written = 0;
                State = PartyState.Round2Sending;
                return Round2MessageBytes;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>
        /// Writes the next piece of the round-2 message into <paramref name="output"/> at <paramref name="offset"/>, at most
        /// <paramref name="capacity"/> bytes (at least <see cref="Round2MinPieceBytes"/>), and returns its length. τ goes out
        /// in whole batches of 8 rows; after the last piece the party is <see cref="PartyState.Round2Sent"/>.
        /// </summary>
        /// <exception cref="ThresholdException">InvalidParameters when not even one batch fits; InvalidState when not sending.</exception>
        public int Round2Next(byte[] output, int offset, int capacity)
        {
            Enter(PartyState.Round2Sending);
            try
            {
                if (output == null || offset < 0 || capacity < Round2MinPieceBytes || offset > output.Length - capacity)
                {
                    throw new ThresholdException(ThresholdError.InvalidParameters, 0);
                }

                int at = offset;
                if (_round2Written == 0)
                {
                    Wire.WriteHeader(output, at, Wire.ProtocolSign, 2, _me, _peer, _sessionId, Round2Body);
                    _nonceCommitment.WriteTo(output, at + Wire.HeaderBytes);
                    at += Wire.HeaderBytes + Params.PointBytes;
                }

                int batches = (capacity - (at - offset)) / (8 * Rvole.TauRowBytes);
                int rows = batches * 8;
                if (rows > _aliceStream.RowsLeft)
                {
                    rows = _aliceStream.RowsLeft;
                }

                if (rows > 0)
                {
                    _aliceStream.Rows(rows, output, at);
                    at += rows * Rvole.TauRowBytes;
                }

                if (_aliceStream.RowsLeft == 0 && capacity - (at - offset) >= Round2TailBytes)
                {
                    _aliceShares = _aliceStream.End(output, at);
                    _aliceStream = null;
                    at += 2 * Params.ScalarBytes;
                    Point.MulBase(_backend, _aliceShares[0]).WriteTo(output, at);
                    Point.MulBase(_backend, _aliceShares[1]).WriteTo(output, at + Params.PointBytes);
                    at += 2 * Params.PointBytes;
                    Scalar psi = _phi.Sub(_bob.B);
                    psi.WriteTo(output, at);
                    psi.Clear();
                    at += Params.ScalarBytes;
                    State = PartyState.Round2Sent;
                }

                _round2Written += at - offset;
                return at - offset;
            }
            catch (ThresholdException e)
            {
                throw Abort(e);
            }
        }

        /// <summary>The smallest capacity <see cref="Round2Next"/> takes: the first piece's header and R_i and one batch of 8 rows (842 bytes).</summary>
        public static int Round2MinPieceBytes
        {
            get { return Wire.HeaderBytes + Params.PointBytes + (8 * Rvole.TauRowBytes); }
        }
    }
}
