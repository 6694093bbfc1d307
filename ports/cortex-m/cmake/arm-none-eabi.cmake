# CMake toolchain file for bare-metal Arm Cortex-M with the GNU Arm toolchain.
#
#   cmake -B build -DCMAKE_TOOLCHAIN_FILE=path/to/mote/ports/cortex-m/cmake/arm-none-eabi.cmake \
#         -DMCU_CPU_FLAGS="-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard"
#
# MCU_CPU_FLAGS (default: Cortex-M4F) goes to every compile and link, so the
# library, your code and newlib agree on the core and the float ABI.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# A bare-metal test program cannot link without a start-up file and a
# linker script, so let CMake's compiler check build a library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(MCU_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard"
    CACHE STRING "core and float-ABI flags for every compile and link")
set(CMAKE_C_FLAGS_INIT "${MCU_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${MCU_CPU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${MCU_CPU_FLAGS} -Wl,--gc-sections")

# newlib's libm (mote uses a few maths functions while loading a model) is
# not linked by default; name it here so the driver picks the multilib that
# matches MCU_CPU_FLAGS (an absolute path from find_library would not).
set(CMAKE_C_STANDARD_LIBRARIES "-lm" CACHE STRING "libraries linked into every C program")

# Look for libraries and headers in the cross toolchain only, never in the
# host's /usr/lib.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
