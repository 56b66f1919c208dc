#
# nf-interpreter CMake module for the CardFirmware.Crypto.Native interop assembly (../README.md
# "Card build"). Copy to nf-interpreter/CMake/Modules/; nf-interpreter includes it when
# NF_INTEROP_ASSEMBLIES names CardFirmware.Crypto.Native and reads the two lists it sets:
# CardFirmware.Crypto.Native_INCLUDE_DIRS and CardFirmware.Crypto.Native_SOURCES.
#
# Expected layout under nf-interpreter/InteropAssemblies/CardFirmware.Crypto.Native/:
#   *.cpp, *.h          the metadata processor's stubs (Stubs/CardFirmware.Crypto.Native/) with
#                       this repository's InteropNativeModule.cpp in place of the generated skeleton
#   cfnative/           this repository's crypto/Native (include/, src/)
#   secp256k1/          libsecp256k1 at tag v0.2.0 (the version the desktop build uses)
#

set(CF_INTEROP_DIR ${PROJECT_SOURCE_DIR}/InteropAssemblies/CardFirmware.Crypto.Native)

list(APPEND CardFirmware.Crypto.Native_INCLUDE_DIRS
    ${PROJECT_SOURCE_DIR}/src/CLR/Core
    ${PROJECT_SOURCE_DIR}/src/CLR/Include
    ${PROJECT_SOURCE_DIR}/src/HAL/Include
    ${PROJECT_SOURCE_DIR}/src/PAL/Include
    ${CF_INTEROP_DIR}
    ${CF_INTEROP_DIR}/cfnative/include
    ${CF_INTEROP_DIR}/secp256k1/include)

set(CF_INTEROP_GLUE
    ${CF_INTEROP_DIR}/CardFirmware_Crypto_Native.cpp
    ${CF_INTEROP_DIR}/CardFirmware_Crypto_Native_CardFirmware_Crypto_Native_InteropNativeModule_mshl.cpp
    ${CF_INTEROP_DIR}/CardFirmware_Crypto_Native_CardFirmware_Crypto_Native_InteropNativeModule.cpp)

file(GLOB CF_MODULE_SOURCES ${CF_INTEROP_DIR}/cfnative/src/*.c)

# libsecp256k1 as one translation unit plus its precomputed tables. The smallest tables keep flash
# use low: the module calls only ec_pubkey_create (ecmult_gen, 2-bit comb: 32 KB) and
# ec_pubkey_tweak_mul (ecmult_const, no table); the Strauss table of verification is not used.
set(CF_SECP256K1_SOURCES
    ${CF_INTEROP_DIR}/secp256k1/src/secp256k1.c
    ${CF_INTEROP_DIR}/secp256k1/src/precomputed_ecmult.c
    ${CF_INTEROP_DIR}/secp256k1/src/precomputed_ecmult_gen.c)
set_source_files_properties(${CF_SECP256K1_SOURCES} PROPERTIES
    COMPILE_DEFINITIONS "ECMULT_WINDOW_SIZE=2;ECMULT_GEN_PREC_BITS=2")

# On the card SHA-256 runs on the S3 SHA peripheral through ESP-IDF's mbedTLS.
set_source_files_properties(${CF_MODULE_SOURCES} PROPERTIES COMPILE_DEFINITIONS "CF_SHA256_MBEDTLS")

# The fingerprint kernels round like the managed reference (include/cffinger.h): the LX7's fused
# multiply-add (MADD.S) must not be used for a * b + c.
file(GLOB CF_FINGER_SOURCES ${CF_INTEROP_DIR}/cfnative/src/finger_*.c)
set_source_files_properties(${CF_FINGER_SOURCES} PROPERTIES COMPILE_OPTIONS "-ffp-contract=off")

set(CardFirmware.Crypto.Native_SOURCES ${CF_INTEROP_GLUE} ${CF_MODULE_SOURCES} ${CF_SECP256K1_SOURCES})

include(FindPackageHandleStandardArgs)
FIND_PACKAGE_HANDLE_STANDARD_ARGS(CardFirmware.Crypto.Native DEFAULT_MSG
    CardFirmware.Crypto.Native_INCLUDE_DIRS CardFirmware.Crypto.Native_SOURCES)
