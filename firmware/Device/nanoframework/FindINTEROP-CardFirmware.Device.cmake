#
# nf-interpreter CMake module for the CardFirmware.Device interop assembly (../README.md "Native
# glue"). Copy to nf-interpreter/CMake/Modules/; nf-interpreter includes it when
# NF_INTEROP_ASSEMBLIES names CardFirmware.Device and reads the two lists it sets.
#
# Expected layout under nf-interpreter/InteropAssemblies/CardFirmware.Device/: the metadata
# processor's stubs (Stubs/CardFirmware.Device/) with this folder's *.cpp in place of the generated
# skeletons. The ATECC608B glue needs Espressif's esp-cryptoauthlib component in the IDF build.
#

set(CF_DEVICE_DIR ${PROJECT_SOURCE_DIR}/InteropAssemblies/CardFirmware.Device)

list(APPEND CardFirmware.Device_INCLUDE_DIRS
    ${PROJECT_SOURCE_DIR}/src/CLR/Core
    ${PROJECT_SOURCE_DIR}/src/CLR/Include
    ${PROJECT_SOURCE_DIR}/src/HAL/Include
    ${PROJECT_SOURCE_DIR}/src/PAL/Include
    ${CF_DEVICE_DIR})

file(GLOB CardFirmware.Device_SOURCES ${CF_DEVICE_DIR}/*.cpp)

include(FindPackageHandleStandardArgs)
FIND_PACKAGE_HANDLE_STANDARD_ARGS(CardFirmware.Device DEFAULT_MSG
    CardFirmware.Device_INCLUDE_DIRS CardFirmware.Device_SOURCES)
