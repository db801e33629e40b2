package schedule

// StatusSecondPencil is a tentative booking on a slot another
// production's pencil already holds, as the booking store records it. A
// solved schedule never has one; a schedule read from the store may.
const StatusSecondPencil = "second pencil"
