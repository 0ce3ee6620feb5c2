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

// A new step, past the ones a previous plan left (next() reuses those).
step& step_writer::append() {
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
