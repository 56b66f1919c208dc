namespace CardFirmware.Channel.Tests;

/// <summary>
/// Values transcribed from BOLT #8 ("Encrypted and Authenticated Transport"), Appendix A:
/// Transport Test Vectors (lightning/bolts 08-transport.md). Prologue "lightning".
/// </summary>
internal static class Bolt8Vectors
{
    // Initiator keys (Appendix A, "transport-initiator successful handshake").
    public const string InitiatorStaticPrivate = "1111111111111111111111111111111111111111111111111111111111111111";
    public const string InitiatorStaticPublic = "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa";
    public const string InitiatorEphemeralPrivate = "1212121212121212121212121212121212121212121212121212121212121212";
    public const string InitiatorEphemeralPublic = "036360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f7";

    // Responder keys (Appendix A, "transport-responder successful handshake").
    public const string ResponderStaticPrivate = "2121212121212121212121212121212121212121212121212121212121212121";
    public const string ResponderStaticPublic = "028d7500dd4c12685d1f568b4c2b5048e8534b873319f3a8daa612b469132ec7f7";
    public const string ResponderEphemeralPrivate = "2222222222222222222222222222222222222222222222222222222222222222";
    public const string ResponderEphemeralPublic = "02466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f27";

    // Initial state: h after the protocol name, prologue and responder static key; ck = SHA-256(protocol name).
    public const string InitialChainingKey = "2640f52eebcd9e882958951c794250eedb28002c05d7dc2ea0f195406042caf1";

    // Act one.
    public const string ActOneHashAfterEphemeral = "9e0e7de8bb75554f21db034633de04be41a2b8a18da7a319a03c803bf02b396c";
    public const string ActOneChainingKey = "b61ec1191326fa240decc9564369dbb3ae2b34341d1e11ad64ed89f89180582f";
    public const string ActOneTempKey = "e68f69b7f096d7917245f5e5cf8ae1595febe4d4644333c99f9c4a1282031c9f";
    public const string ActOneHash = "9d1ffbb639e7e20021d9259491dc7b160aab270fb1339ef135053f6f2cebe9ce";
    public const string ActOne = "00036360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f70df6086551151f58b8afe6c195782c6a";

    // Act two.
    public const string ActTwoHashAfterEphemeral = "38122f669819f906000621a14071802f93f2ef97df100097bcac3ae76c6dc0bf";
    public const string ActTwoChainingKey = "e89d31033a1b6bf68c07d22e08ea4d7884646c4b60a9528598ccb4ee2c8f56ba";
    public const string ActTwoTempKey = "908b166535c01a935cf1e130a5fe895ab4e6f3ef8855d87e9b7581c4ab663ddc";
    public const string ActTwoHash = "90578e247e98674e661013da3c5c1ca6a8c8f48c90b485c0dfa1494e23d56d72";
    public const string ActTwo = "0002466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f276e2470b93aac583c9ef6eafca3f730ae";

    // Act three.
    public const string ActThree = "00b9e3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa22355361aa02e55a8fc28fef5bd6d71ad0c38228dc68b1c466263b47fdf31e560e139ba";
    public const string FinalChainingKey = "919219dbb2920afa8db80f9a51787a840bcf111ed8d588caf9ab4be716e42b01";

    // Transport keys: initiator sends with sk, receives with rk (Appendix A, handshake outputs and "transport-message test").
    public const string InitiatorSendKey = "969ab31b4d288cedf6218839b27a3e2140827047f2c0f01bf5c04435d43511a9";
    public const string InitiatorReceiveKey = "bb9020b8965f4df047e07f955f3c4b88418984aadc5cdb35096b9ea8fa5c3442";

    // Initiator failure inputs for act two.
    public const string ActTwoShort = "0002466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f276e2470b93aac583c9ef6eafca3f730";
    public const string ActTwoBadVersion = "0102466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f276e2470b93aac583c9ef6eafca3f730ae";
    public const string ActTwoBadKey = "0004466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f276e2470b93aac583c9ef6eafca3f730ae";
    public const string ActTwoBadMac = "0002466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f276e2470b93aac583c9ef6eafca3f730af";

    // Responder failure inputs for act one.
    public const string ActOneShort = "00036360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f70df6086551151f58b8afe6c195782c";
    public const string ActOneBadVersion = "01036360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f70df6086551151f58b8afe6c195782c6a";
    public const string ActOneBadKey = "00046360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f70df6086551151f58b8afe6c195782c6a";
    public const string ActOneBadMac = "00036360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f70df6086551151f58b8afe6c195782c6b";

    // Responder failure inputs for act three.
    public const string ActThreeBadVersion = "01b9e3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa22355361aa02e55a8fc28fef5bd6d71ad0c38228dc68b1c466263b47fdf31e560e139ba";
    public const string ActThreeShort = "00b9e3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa22355361aa02e55a8fc28fef5bd6d71ad0c38228dc68b1c466263b47fdf31e560e139";
    public const string ActThreeBadCiphertext = "00c9e3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa22355361aa02e55a8fc28fef5bd6d71ad0c38228dc68b1c466263b47fdf31e560e139ba";
    public const string ActThreeBadRemoteStatic = "00bfe3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa2235536ad09a8ee351870c2bb7f78b754a26c6cef79a98d25139c856d7efd252c2ae73c";
    public const string ActThreeBadMac = "00b9e3a702e93e3a9948c2ed6e5fd7590a6e1c3a0344cfc9d5b57357049aa22355361aa02e55a8fc28fef5bd6d71ad0c38228dc68b1c466263b47fdf31e560e139bb";

    // Message encryption ("transport-message test"): "hello" sent 1001 times by the initiator.
    public const string Message0 = "cf2b30ddf0cf3f80e7c35a6e6730b59fe802473180f396d88a8fb0db8cbcf25d2f214cf9ea1d95";
    public const string Message1 = "72887022101f0b6753e0c7de21657d35a4cb2a1f5cde2650528bbc8f837d0f0d7ad833b1a256a1";
    public const string Message500 = "178cb9d7387190fa34db9c2d50027d21793c9bc2d40b1e14dcf30ebeeeb220f48364f7a4c68bf8";
    public const string Message501 = "1b186c57d44eb6de4c057c49940d79bb838a145cb528d6e8fd26dbe50a60ca2c104b56b60e45bd";
    public const string Message1000 = "4a2f3cc3b5e78ddb83dcb426d9863d9d9a723b0337c89dd0b005d89f8d3c05c52b76b29b740f09";
    public const string Message1001 = "2ecd8c8a5629d0d02ab457a0fdd0f7b90a192cd46be5ecb6ca570bfc5e268338b1a16cf4ef2d36";

    // The two key rotations the message test passes through (ck, k) = HKDF(ck, k).
    public const string FirstRotationChainingKey = "cc2c6e467efc8067720c2d09c139d1f77731893aad1defa14f9bf3c48d3f1d31";
    public const string FirstRotationKey = "3fbdc101abd1132ca3a0ae34a669d8d9ba69a587e0bb4ddd59524541cf4813d8";
    public const string SecondRotationChainingKey = "728366ed68565dc17cf6dd97330a859a6a56e87e2beef3bd828a4c4a54d8df06";
    public const string SecondRotationKey = "9e0477f9850dca41e42db0e4d154e3a098e5a000d995e421849fcd5df27882bd";
}
