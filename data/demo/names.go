package demo

// name is a name in Latin letters as its owner spells it, with its native
// script when the owner's language is not written in Latin letters.
type name struct{ latin, native string }

// family is a family name; fem is its feminine form where the language has one.
type family struct {
	name
	fem name
}

// culture holds the names common among the people of a group of countries.
type culture struct {
	male, female []name
	families     []family
	familyFirst  bool // the native name is written family name first
	singleName   bool // some people have only one name
}

func n(latin string) name            { return name{latin: latin} }
func nn(latin, native string) name   { return name{latin: latin, native: native} }
func f(latin string) family          { return family{name: n(latin)} }
func ff(latin, native string) family { return family{name: nn(latin, native)} }
func fg(l, nat, femL, femNat string) family {
	return family{name: nn(l, nat), fem: nn(femL, femNat)}
}

func ns(latins ...string) []name {
	out := make([]name, len(latins))
	for i, l := range latins {
		out[i] = n(l)
	}
	return out
}

func fs(latins ...string) []family {
	out := make([]family, len(latins))
	for i, l := range latins {
		out[i] = f(l)
	}
	return out
}

var cultures = map[string]culture{
	"vi": {
		male: ns("Văn An", "Đức Thắng", "Quốc Bảo", "Hữu Nghĩa", "Xuân Phúc", "Minh Tuấn", "Thành Long", "Công Đạt", "Hoàng Nam",
			"Trọng Hiếu", "Mạnh Hùng", "Quang Vinh", "Văn Dũng", "Đình Khoa", "Tiến Dũng", "Anh Tuấn", "Hải Đăng", "Gia Huy"),
		female: ns("Thị Hồng Nhung", "Minh Châu", "Thanh Hương", "Ngọc Lan", "Thu Trang", "Thị Mai Anh", "Phương Thảo", "Khánh Linh",
			"Thùy Dương", "Bích Ngọc", "Thị Thu Hà", "Lan Anh", "Thị Hằng", "Diệu Linh", "Thị Tuyết Mai", "Hải Yến", "Quỳnh Như", "Thị Kim Oanh"),
		families: fs("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"),
	},
	"zh": {
		male:        []name{nn("Wei", "伟"), nn("Lei", "磊"), nn("Jun", "军"), nn("Yong", "勇"), nn("Jie", "杰"), nn("Xiaoming", "晓明"), nn("Jianguo", "建国"), nn("Hao", "浩")},
		female:      []name{nn("Fang", "芳"), nn("Min", "敏"), nn("Jing", "静"), nn("Yan", "艳"), nn("Haiyan", "海燕"), nn("Xiuying", "秀英"), nn("Li", "丽"), nn("Na", "娜")},
		families:    []family{ff("Wang", "王"), ff("Li", "李"), ff("Zhang", "张"), ff("Liu", "刘"), ff("Chen", "陈"), ff("Yang", "杨"), ff("Zhao", "赵"), ff("Huang", "黄"), ff("Zhou", "周"), ff("Wu", "吴")},
		familyFirst: true,
	},
	"ja": {
		male:        []name{nn("Hiroshi", "浩"), nn("Kenji", "健二"), nn("Takeshi", "武"), nn("Daisuke", "大輔"), nn("Shota", "翔太"), nn("Makoto", "誠")},
		female:      []name{nn("Yuki", "由紀"), nn("Aiko", "愛子"), nn("Naoko", "直子"), nn("Haruka", "遥"), nn("Emi", "恵美"), nn("Sakura", "さくら")},
		families:    []family{ff("Tanaka", "田中"), ff("Suzuki", "鈴木"), ff("Sato", "佐藤"), ff("Takahashi", "高橋"), ff("Watanabe", "渡辺"), ff("Ito", "伊藤"), ff("Yamamoto", "山本"), ff("Nakamura", "中村")},
		familyFirst: true,
	},
	"ko": {
		male:        []name{nn("Min-jun", "민준"), nn("Ji-hoon", "지훈"), nn("Sung-ho", "성호"), nn("Dong-hyun", "동현"), nn("Jae-won", "재원")},
		female:      []name{nn("Seo-yeon", "서연"), nn("Hye-jin", "혜진"), nn("Ji-woo", "지우"), nn("Eun-ji", "은지"), nn("Soo-ah", "수아")},
		families:    []family{ff("Kim", "김"), ff("Lee", "이"), ff("Park", "박"), ff("Choi", "최"), ff("Jung", "정"), ff("Kang", "강"), ff("Yoon", "윤")},
		familyFirst: true,
	},
	"ru": {
		male:   []name{nn("Aleksandr", "Александр"), nn("Sergey", "Сергей"), nn("Dmitry", "Дмитрий"), nn("Andrey", "Андрей"), nn("Mikhail", "Михаил"), nn("Ivan", "Иван"), nn("Vladimir", "Владимир")},
		female: []name{nn("Elena", "Елена"), nn("Olga", "Ольга"), nn("Natalia", "Наталья"), nn("Tatiana", "Татьяна"), nn("Anna", "Анна"), nn("Maria", "Мария"), nn("Ekaterina", "Екатерина")},
		families: []family{fg("Ivanov", "Иванов", "Ivanova", "Иванова"), fg("Petrov", "Петров", "Petrova", "Петрова"),
			fg("Smirnov", "Смирнов", "Smirnova", "Смирнова"), fg("Kuznetsov", "Кузнецов", "Kuznetsova", "Кузнецова"),
			fg("Popov", "Попов", "Popova", "Попова"), fg("Volkov", "Волков", "Volkova", "Волкова"),
			fg("Sokolov", "Соколов", "Sokolova", "Соколова"), fg("Lebedev", "Лебедев", "Lebedeva", "Лебедева")},
	},
	"uk": {
		male:     []name{nn("Oleksandr", "Олександр"), nn("Andriy", "Андрій"), nn("Serhiy", "Сергій"), nn("Mykola", "Микола"), nn("Taras", "Тарас")},
		female:   []name{nn("Olena", "Олена"), nn("Iryna", "Ірина"), nn("Oksana", "Оксана"), nn("Yulia", "Юлія"), nn("Natalia", "Наталія")},
		families: []family{ff("Shevchenko", "Шевченко"), ff("Kovalenko", "Коваленко"), ff("Bondarenko", "Бондаренко"), ff("Tkachenko", "Ткаченко"), ff("Kravchenko", "Кравченко"), ff("Melnyk", "Мельник")},
	},
	"ar": {
		male:   []name{nn("Ahmed", "أحمد"), nn("Mohammed", "محمد"), nn("Omar", "عمر"), nn("Khalid", "خالد"), nn("Youssef", "يوسف"), nn("Hassan", "حسن"), nn("Abdullah", "عبد الله")},
		female: []name{nn("Fatima", "فاطمة"), nn("Aisha", "عائشة"), nn("Mariam", "مريم"), nn("Layla", "ليلى"), nn("Nour", "نور"), nn("Huda", "هدى"), nn("Salma", "سلمى")},
		families: []family{ff("Al-Farsi", "الفارسي"), ff("Al-Rashid", "الراشد"), ff("Haddad", "حداد"), ff("Mansour", "منصور"),
			ff("Al-Amin", "الأمين"), ff("Khalil", "خليل"), ff("Nasser", "ناصر"), ff("Saleh", "صالح"), ff("El-Sayed", "السيد")},
	},
	"fa": {
		male:     []name{nn("Ali", "علی"), nn("Reza", "رضا"), nn("Mehdi", "مهدی"), nn("Hossein", "حسین")},
		female:   []name{nn("Maryam", "مریم"), nn("Zahra", "زهرا"), nn("Fatemeh", "فاطمه"), nn("Shirin", "شیرین")},
		families: []family{ff("Hosseini", "حسینی"), ff("Mohammadi", "محمدی"), ff("Rezaei", "رضایی"), ff("Karimi", "کریمی"), ff("Ahmadi", "احمدی")},
	},
	"el": {
		male:   []name{nn("Georgios", "Γεώργιος"), nn("Nikolaos", "Νικόλαος"), nn("Konstantinos", "Κωνσταντίνος"), nn("Dimitrios", "Δημήτριος")},
		female: []name{nn("Eleni", "Ελένη"), nn("Maria", "Μαρία"), nn("Aikaterini", "Αικατερίνη"), nn("Sofia", "Σοφία")},
		families: []family{fg("Papadopoulos", "Παπαδόπουλος", "Papadopoulou", "Παπαδοπούλου"), fg("Georgiou", "Γεωργίου", "Georgiou", "Γεωργίου"),
			fg("Nikolaidis", "Νικολαΐδης", "Nikolaidou", "Νικολαΐδου"), fg("Konstantinou", "Κωνσταντίνου", "Konstantinou", "Κωνσταντίνου")},
	},
	"es": {
		male:     ns("José Luis", "Jesús", "Andrés", "Martín", "Sebastián", "Joaquín", "Julián", "Ramón"),
		female:   ns("María José", "Lucía", "Inés", "Sofía", "Verónica", "Mónica", "Ángela", "Begoña"),
		families: fs("García", "Martínez", "López", "Hernández", "Pérez", "Sánchez", "Gómez", "Fernández", "Ramírez", "Núñez", "Ibáñez", "Díaz Ordóñez"),
	},
	"pt": {
		male:     ns("João", "Luís", "António", "Sérgio", "Fábio", "Tomé"),
		female:   ns("Beatriz", "Conceição", "Inês", "Lúcia", "Márcia", "Joana"),
		families: fs("Silva", "Santos", "Oliveira", "Souza", "Gonçalves", "Araújo", "Magalhães", "Assunção"),
	},
	"fr": {
		male:     ns("Jean-Baptiste", "François", "Stéphane", "Benoît", "Jérôme", "Loïc", "Théo"),
		female:   ns("Marie-Claire", "Hélène", "Amélie", "Élodie", "Geneviève", "Anaïs", "Zoé"),
		families: fs("Dubois", "Lefèvre", "Moreau", "Girard", "de la Fontaine-Ébrard", "Bérenger", "Fournier", "Mercier", "Chevallier"),
	},
	"de": {
		male:     ns("Jürgen", "Günther", "Matthias", "Stefan", "Björn", "Lukas"),
		female:   ns("Anna", "Lena", "Sabine", "Jörgine", "Käthe", "Ulrike"),
		families: fs("Müller", "Schmidt", "Schröder", "Weiß", "Groß", "Köhler", "Fuchs", "von Bülow"),
	},
	"nl": {
		male:     ns("Pieter", "Joost", "Maarten", "Sven", "Daan"),
		female:   ns("Anouk", "Femke", "Lotte", "Sanne", "Eline"),
		families: fs("de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "van Dijk"),
	},
	"nordic": {
		male:     ns("Søren", "Bjørn", "Lars", "Magnus", "Jón", "Mikael"),
		female:   ns("Ingrid", "Åsa", "Sigríður", "Kirsten", "Maja", "Aino"),
		families: fs("Ødegård", "Johansson", "Nielsen", "Lindqvist", "Jónsdóttir", "Virtanen", "Hansen", "Ærø"),
	},
	"slav": {
		male:     ns("Łukasz", "Paweł", "Jiří", "Tomáš", "Dragan", "Miloš", "Žarko"),
		female:   ns("Agnieszka", "Małgorzata", "Zdeňka", "Jelena", "Katarína", "Ivana", "Zuzana"),
		families: fs("Nowak", "Wiśniewski", "Dvořák", "Horvat", "Kovač", "Novák", "Jovanović", "Šimić", "Szabó"),
	},
	"ro": {
		male:     ns("Andrei", "Mihai", "Ștefan", "Răzvan", "Dănuț"),
		female:   ns("Ioana", "Mădălina", "Cristina", "Irina", "Ana-Maria"),
		families: fs("Popescu", "Ionescu", "Dumitrescu", "Stănescu", "Constantinescu", "Țurcanu"),
	},
	"en": {
		male:     ns("James", "Michael", "David", "Robert", "Thomas", "Seán", "Liam"),
		female:   ns("Sarah", "Emily", "Olivia", "Jennifer", "Catherine", "Siobhán", "Grace"),
		families: fs("Smith", "Johnson", "O'Sullivan", "MacDonald", "Williams", "Brown", "Taylor", "O'Brien", "Fitzgerald", "Thompson"),
	},
	"it": {
		male:     ns("Giuseppe", "Marco", "Niccolò", "Lorenzo", "Andrea"),
		female:   ns("Giulia", "Francesca", "Chiara", "Federica", "Alessandra"),
		families: fs("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "De Luca", "D'Angelo"),
	},
	"tr": {
		male:     ns("Mehmet", "Mustafa", "Emre", "Oğuz", "Çağlar", "İsmail"),
		female:   ns("Ayşe", "Zeynep", "Elif", "Gülşen", "Şule", "İrem"),
		families: fs("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın"),
	},
	"hi": {
		male:     ns("Rajesh", "Anil", "Vikram", "Arjun", "Sanjay", "Imran"),
		female:   ns("Priya", "Sunita", "Deepa", "Ananya", "Kavita", "Farah"),
		families: fs("Sharma", "Patel", "Singh", "Iyer", "Reddy", "Nair", "Chowdhury", "Khan", "Rahman"),
	},
	"id": {
		male:       ns("Budi", "Agus", "Ahmad", "Rizky", "Hendra", "Wahyu"),
		female:     ns("Siti", "Dewi", "Nurul", "Putri", "Ayu", "Rina"),
		families:   fs("Santoso", "Wijaya", "Hidayat", "Rahman", "Abdullah", "Ismail", "Setiawan", "Kusuma"),
		singleName: true,
	},
	"th": {
		male:     ns("Somchai", "Niran", "Chaiwat", "Prasert", "Sok", "Vanna"),
		female:   ns("Siriporn", "Kanya", "Malee", "Ratana", "Sreymom", "Bopha"),
		families: fs("Srisuk", "Chaiyaphum", "Wongsakul", "Rattanakorn", "Chan", "Keo", "Phommachanh"),
	},
	"ph": {
		male:     ns("Jose Maria", "Ramon", "Rodrigo", "Emmanuel", "Kyaw", "Aung"),
		female:   ns("Maria Cristina", "Leni", "Corazon", "Gloria", "Thandar", "Su"),
		families: fs("Santos", "Reyes", "Cruz", "Bautista", "Dela Cruz", "Aquino", "Win", "Oo"),
	},
	"africa-en": {
		male:     ns("Kwame", "Chinedu", "Oluwaseun", "Tendai", "Juma", "Abebe", "Sipho"),
		female:   ns("Amina", "Wanjiru", "Thandiwe", "Ngozi", "Akosua", "Chiamaka", "Tigist"),
		families: fs("Mensah", "Okonkwo", "Kamau", "Adeyemi", "Nkosi", "Mwangi", "Mutasa", "Tesfaye", "Banda"),
	},
	"africa-fr": {
		male:     ns("Mamadou", "Ousmane", "Cheikh", "Moussa", "Issa", "Désiré"),
		female:   ns("Aminata", "Fatou", "Awa", "Mariam", "Aïssatou", "Clémentine"),
		families: fs("Diop", "Ndiaye", "Traoré", "Koné", "Diallo", "Coulibaly", "Ouédraogo", "Mbarga"),
	},
	"mn": {
		male:     []name{nn("Bat-Erdene", "Бат-Эрдэнэ"), nn("Ganbaatar", "Ганбаатар"), nn("Nursultan", "Нурсултан"), nn("Timur", "Тимур")},
		female:   []name{nn("Oyuntsetseg", "Оюунцэцэг"), nn("Saule", "Сауле"), nn("Dilnoza", "Дилноза"), nn("Aigerim", "Айгерим")},
		families: []family{ff("Batbayar", "Батбаяр"), fg("Nazarbayev", "Назарбаев", "Nazarbayeva", "Назарбаева"), ff("Karimov", "Каримов"), fg("Tokayev", "Токаев", "Tokayeva", "Токаева")},
	},
}
