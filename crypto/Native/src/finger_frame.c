/*
 * The card's one sensor frame, resident in the module (cffinger.h "Resident frame"): the sensor
 * driver writes it a batch of rows at a time, the kernels run on it in place, and it is wiped after
 * every touch, so the 36,864 bytes never sit on the managed heap.
 *
 * The card runs one touch at a time on one thread, so one static frame serves it. The desktop
 * library is called from many test and simulator threads at once, each driving its own card: there
 * the frame is per thread (the GNU __thread storage class, accepted by GCC and Clang in C99 mode).
 */
#include "cffinger.h"
#include "internal.h"

#if defined(CF_BUILD_SHARED) && (defined(__GNUC__) || defined(__clang__))
#define CF_FRAME_STORAGE static __thread
#else
#define CF_FRAME_STORAGE static
#endif

CF_FRAME_STORAGE uint8_t resident[CF_FINGER_FRAME];

uint8_t *cf_finger_frame(void)
{
    return resident;
}

int cf_finger_frame_write(const uint8_t *rows, int32_t first_row, int32_t row_count)
{
    if (rows == NULL || first_row < 0 || row_count < 1 || first_row > CF_FINGER_SIDE - row_count) {
        return -CF_ERR_ARGUMENT;
    }

    uint8_t *to = resident + (size_t)first_row * CF_FINGER_SIDE;
    size_t bytes = (size_t)row_count * CF_FINGER_SIDE;
    for (size_t i = 0; i < bytes; i++) {
        to[i] = rows[i];
    }
    return 0;
}

int cf_finger_frame_clear(void)
{
    cf_wipe(resident, sizeof resident);
    return 0;
}

int cf_finger_frame_is_clear(void)
{
    uint8_t any = 0;
    for (size_t i = 0; i < sizeof resident; i++) {
        any |= resident[i];
    }
    return any == 0 ? 1 : 0;
}
