// Steps written into a reused vector. See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"

#include <algorithm>

namespace taper::planning {

// std::vector copies elements whose move constructor is not noexcept when it grows, and
// step's is not (Boost.Units' quantity declares only a copy constructor), so plain growth
// would copy every message and dose line of every step: grow by moving them ourselves.
void step_writer::grow() {
    std::vector<step> bigger;
    bigger.reserve(std::max<std::size_t>(32, 2 * steps_.capacity()));
    for (auto& old : steps_) bigger.push_back(std::move(old));
    steps_.swap(bigger);
}

step& step_writer::next() {
    if (count_ < steps_.size()) {
        // An old step: every field is written again by the planner; the dose lines keep their
        // capacity (the planner assigns into them), so a reused plan allocates nothing here.
        step& s = steps_[count_++];
        s.messages.clear();
        s.occupancy_percent.reset();
        s.change_points.reset();
        s.progress = 0;
        return s;
    }
    if (steps_.size() == steps_.capacity()) grow();
    steps_.emplace_back();
    ++count_;
    return steps_.back();
}

step& step_writer::repeat_last() {
    if (count_ == steps_.size() && steps_.size() == steps_.capacity()) grow();
    if (count_ == steps_.size()) steps_.emplace_back();
    step& s = steps_[count_];
    s = steps_[count_ - 1];  // copy-assignment: keeps the slot's dose-line capacity
    ++count_;
    return s;
}

void step_writer::finish() {
    while (steps_.size() > count_) steps_.pop_back();
}

}  // namespace taper::planning
