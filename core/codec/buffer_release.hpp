#pragma once
// Emptying a byte buffer that is used again and again (the stream decoder's input, the driver's
// write batch, the subscriber's output): its capacity is kept for the next use, unless one big
// message grew it past `keep`. Then the memory goes back at once, so a 16 MiB message is not
// held for the rest of the run, nor twice while the next copy of it is made.
#include <cstddef>

namespace wsmqtt::codec {

template <class Buffer>
void clear_and_release_if_above(Buffer& buffer, std::size_t keep) {
    if (buffer.capacity() > keep) {
        Buffer{}.swap(buffer);  // not `buffer = {}`: assigning an empty list keeps the capacity
    } else {
        buffer.clear();
    }
}

}  // namespace wsmqtt::codec
