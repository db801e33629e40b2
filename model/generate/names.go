package generate

import "time"

// firstNames and lastNames make crew and artiste names; picked by the
// seeded generator, so a seed always gives the same people.
var firstNames = []string{
	"Sam", "Rhiannon", "Inès", "Ola", "Dee", "Rafael", "Mo", "Lena", "Maya", "Tom", "Priya", "Josh",
	"Efe", "Ana", "Grace", "Ravi", "Niamh", "Kwame", "Hannah", "Tomasz", "Aoife", "Callum", "Zara",
	"Oskar", "Bea", "Idris", "Freya", "Marek", "Sian", "Jonah", "Leila", "Euan", "Chidi", "Mei",
	"Ruth", "Dev", "Orla", "Felix", "Amara", "Cormac", "Lotte", "Yusuf", "Imogen", "Luca", "Nadia",
}

var lastNames = []string{
	"Okafor", "Evans", "Moreau", "Nowak", "Murray", "Costa", "Harris", "Berg", "Rees", "Ashby", "Shah",
	"Bell", "Okoro", "Obi", "Menon", "Byrne", "Mensah", "Clarke", "Kowalski", "Doyle", "Fraser",
	"Khan", "Lindqvist", "Hughes", "Adeyemi", "Nilsen", "Novak", "Price", "Reid", "Haddad", "Grant",
	"Eze", "Wong", "Cohen", "Patel", "Walsh", "Brandt", "Achebe", "Lynch", "De Vries", "Aziz", "Fox",
}

// agents are the talent agencies that send artistes' dates.
var agents = []string{
	"Hamilton Hodell", "Curtis Brown", "United Agents", "Independent Talent", "Conway van Gelder",
	"Markham Froggatt & Irwin", "Troika", "Femi Oguns Associates",
}

// titleWords make production titles.
var titleWords = [][]string{
	{"Harbour", "Northern", "Silent", "Long", "Glass", "Iron", "Salt", "Winter", "Hollow", "Copper"},
	{"Lights", "Field", "Crest", "Tide", "Hours", "Road", "House", "Line", "Shore", "Kingdom"},
}

// ukBankHolidays are England and Wales bank holidays, the facility
// calendar's holidays.
var ukBankHolidays = []string{
	"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
	"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
	"2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26",
	"2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26",
}

// firstMonday is the earliest start a generated production can have; the
// seed moves it on by up to eight weeks.
var firstMonday = time.Date(2027, time.January, 4, 0, 0, 0, 0, time.UTC)

// rateCard is a trade rate card for a role or suite kind, in GBP; zero
// fields are not offered.
type rateCard struct {
	hour, halfDay, day, week, kit float64
	minimumCall                   string
}

// roleSpec describes one crew role: its department and list rates.
type roleSpec struct {
	role, dept string
	rate       rateCard
}

// crewRoles are the roles a generated production hires, with UK rates.
var crewRoles = []roleSpec{
	{"editor", "picture", rateCard{day: 600, week: 2600, kit: 30}},
	{"assistant-editor", "picture", rateCard{day: 260, week: 1150}},
	{"online-editor", "online", rateCard{day: 600, halfDay: 360}},
	{"colourist", "grade", rateCard{day: 750, halfDay: 450}},
	{"dialogue-editor", "sound", rateCard{day: 450, week: 1900}},
	{"sound-effects-editor", "sound", rateCard{day: 450, week: 1900}},
	{"foley-artist", "sound", rateCard{day: 400}},
	{"foley-mixer", "sound", rateCard{day: 420}},
	{"music-editor", "music", rateCard{day: 500}},
	{"composer", "music", rateCard{day: 700}},
	{"vfx-artist", "vfx", rateCard{day: 450, week: 2000}},
	{"vfx-supervisor", "vfx", rateCard{day: 850}},
	{"adr-mixer", "adr", rateCard{day: 550, halfDay: 330}},
	{"re-recording-mixer", "sound", rateCard{day: 800}},
	{"qc-operator", "deliverables", rateCard{day: 350, halfDay: 210}},
}

// suiteSpec describes one suite kind: its department and hire rates.
type suiteSpec struct {
	kind, dept, prefix string
	rate               rateCard
}

// suiteKinds are the rooms a generated facility has.
var suiteKinds = []suiteSpec{
	{"offline", "picture", "cutting-room", rateCard{day: 120, week: 450}},
	{"online", "online", "online", rateCard{day: 900, halfDay: 550}},
	{"grade", "grade", "grade", rateCard{day: 1400, halfDay: 850}},
	{"mix", "sound", "dubbing-theatre", rateCard{day: 2500, halfDay: 1500}},
	{"adr", "adr", "adr-stage", rateCard{hour: 180, minimumCall: "4h"}},
	{"foley", "sound", "foley-stage", rateCard{day: 900, halfDay: 550}},
	{"screening", "picture", "screening-room", rateCard{hour: 90, halfDay: 300, day: 500}},
}
