"""Hand-written everyday facts for data/instruct/, in the format described in instruct_course.py.

Written with a language model (the assistant that built this data set), checked by reading.
General knowledge only: no medical doses, no legal or financial advice beyond common sense.
"""

FACTS = r"""
@topic food
T: bread :: Bread is a food made by baking a dough of flour, water and usually yeast, which makes the dough rise.
T: yeast :: Yeast is a tiny fungus used in baking and brewing; it eats sugar and gives off carbon dioxide, which makes dough rise.
T: a vegetable :: A vegetable is a plant or part of a plant eaten as food, such as a carrot, a cabbage or a potato.
T: a fruit :: A fruit is the part of a plant that holds the seeds, such as an apple or an orange; many fruits are sweet and eaten raw.
T: protein :: Protein is a nutrient the body uses to build and repair muscles and other tissue; meat, fish, eggs, beans and nuts are rich in protein.
T: fibre :: Fibre is the part of plant food the body cannot digest; it helps digestion and is found in whole grains, beans, fruit and vegetables.
T: a recipe :: A recipe is a set of instructions for cooking a dish, listing the ingredients, the amounts and the steps.
T: fermentation :: Fermentation is a process in which yeast or bacteria turn sugars into acids, gases or alcohol; it is used to make bread, yogurt, cheese and pickles.
Q: How do I boil an egg? | What is the simplest way to boil an egg? | How long should I boil an egg?
A: To boil an egg, put it in boiling water for about seven minutes for a soft-set yolk or ten minutes for a hard yolk, then cool it in cold water.
Q: How do you cook rice? | What is a simple way to cook rice? | How much water do I need for rice?
A: To cook rice, rinse it, add about one and a half to two cups of water per cup of rice, bring it to a boil, then cover and simmer gently until the water is absorbed.
Q: Why should you wash your hands before cooking? | Why is washing hands important in the kitchen? | Do I need to wash my hands before handling food?
A: Washing your hands before cooking removes germs that could get into the food and make people ill, so it is one of the simplest ways to keep food safe.
Q: How should leftovers be stored? | How long can I keep leftovers in the fridge? | What is the safe way to keep leftover food?
A: Leftovers should be cooled quickly, covered and kept in the fridge, and eaten within about two to three days, or frozen for longer storage.
Q: What makes a meal balanced? | What is a balanced diet? | How do I eat a balanced meal?
A: A balanced meal has vegetables or fruit, a source of protein, some whole grains, and only a little added sugar, salt and fat.
Q: Why does bread go stale? | What makes bread hard after a few days? | How can I keep bread fresh longer?
A: Bread goes stale as the starch inside it slowly hardens and it loses moisture; keeping bread wrapped at room temperature, or freezing it, keeps it fresh longer.
Q: Why do onions make you cry? | What makes your eyes water when cutting onions? | How can I cut onions without crying?
A: Cutting onions releases a gas that irritates the eyes and makes them water; a sharp knife and a chilled onion release less of it.
Q: How do you make a cup of tea? | What is the right way to brew tea? | How long should tea steep?
A: To make a cup of tea, pour freshly boiled water over the tea leaves or bag and let it steep for about three to five minutes before removing it.

@topic health
T: the heart :: The heart is a muscle in the chest that pumps blood through the body, carrying oxygen and nutrients to every organ.
T: the lungs :: The lungs are the two organs in the chest that take in oxygen from the air we breathe and give out carbon dioxide.
T: a vaccine :: A vaccine trains the immune system to recognise a germ without causing the disease, so the body can fight the real infection faster.
T: the immune system :: The immune system is the body's defence network of cells and organs that finds and fights germs such as bacteria and viruses.
T: a virus :: A virus is a tiny germ that can only multiply inside the cells of a living host; colds and flu are caused by viruses.
T: bacteria :: Bacteria are single-celled living things found almost everywhere; most are harmless or helpful, but some cause infections.
T: sleep :: Sleep is the regular state of rest in which the body and brain recover; most adults need about seven to nine hours of sleep a night.
T: exercise :: Exercise is physical activity done to stay fit, such as walking, cycling or swimming; regular exercise strengthens the heart and muscles.
Q: Why is sleep important? | What happens if you do not get enough sleep? | Why do people need sleep?
A: Sleep is important because it lets the body repair itself and the brain store memories; too little sleep harms mood, attention and health.
Q: How much water should I drink a day? | How do I know if I am drinking enough water? | Do I need eight glasses of water a day?
A: Most adults need roughly one and a half to two litres of water a day from drinks and food, more in hot weather or during exercise; pale urine is a sign you are drinking enough.
Q: Why is exercise good for you? | What are the benefits of regular exercise? | How does exercise help the body?
A: Regular exercise strengthens the heart, lungs and muscles, helps control weight, improves sleep and mood, and lowers the risk of many diseases.
Q: How do vaccines work? | How does a vaccine protect you? | Why do vaccines prevent disease?
A: A vaccine shows the immune system a harmless part or form of a germ, so the immune system learns to recognise it and can fight the real germ quickly later.
Q: Why do antibiotics not work on a cold? | Can antibiotics cure a cold? | Should I take antibiotics for a virus?
A: Antibiotics kill bacteria, but a cold is caused by a virus, so antibiotics do not help a cold and using them needlessly helps bacteria become resistant.
Q: How can I avoid catching a cold? | What is the best way to stop germs spreading? | How do I protect myself from colds and flu?
A: Washing your hands often, not touching your face, staying away from people who are ill and sleeping well all stop germs spreading and lower the chance of catching a cold or flu.
Q: What should I do in a medical emergency? | Who should I call if someone is badly hurt? | What do I do if someone collapses?
A: In a medical emergency, or if someone collapses, call your local emergency number straight away, stay with the person and follow the instructions the emergency operator gives you.

@topic home
T: a fuse :: A fuse is a safety part in an electric circuit that melts and breaks the circuit when too much current flows, which prevents fires.
T: a thermostat :: A thermostat is a device that measures temperature and switches heating or cooling on and off to keep a room at the temperature you set.
T: insulation :: Insulation is material in walls, roofs and windows that slows the flow of heat, keeping a house warm in winter and cool in summer.
T: compost :: Compost is decayed plant and food waste that gardeners mix into soil to feed plants and improve the soil.
T: recycling :: Recycling is collecting used materials such as paper, glass, metal and some plastics so they can be made into new products.
Q: How do I save energy at home? | What are easy ways to lower my energy bill? | How can I use less electricity?
A: To save energy and use less electricity at home, turn off lights and devices you are not using, use efficient bulbs, wash clothes at lower temperatures and keep the heating a little lower.
Q: How do I get rid of a bad smell in the fridge? | What removes fridge odours? | Why does my fridge smell?
A: A fridge smells when old food spoils, so throw out spoiled food, wipe the shelves with warm soapy water, and leave an open box of baking soda inside to absorb odours.
Q: How often should I clean my kitchen? | How do I keep a kitchen clean? | What is a simple kitchen cleaning routine?
A: Wipe kitchen counters and the sink every day, clean up spills straight away, wash dishcloths often, and give the fridge and oven a deeper clean every few weeks.
Q: How do I unblock a sink? | What can I do about a clogged drain? | How do you clear a blocked sink?
A: To unblock a sink, first remove any visible debris, then use a plunger; pouring hot water down the drain can loosen grease, and a drain snake can pull out hair.
Q: Why should I have a smoke alarm? | How often should I test a smoke alarm? | Where should smoke alarms go?
A: A smoke alarm warns you early when there is a fire; fit one on every floor, test it once a month and replace the battery when it beeps.
Q: How do I start a compost heap? | What can go into compost? | How do I make compost at home?
A: To make compost, mix green waste such as vegetable peel and grass with brown waste such as dry leaves and cardboard, keep the heap damp and turn it now and then.
Q: Which things can be recycled? | What should go in the recycling bin? | Can all plastic be recycled?
A: Paper, cardboard, glass bottles, metal cans and some plastics can usually be recycled; rules differ by town, so check which plastics your local service accepts.

@topic nature
T: photosynthesis :: Photosynthesis is the process by which green plants use sunlight, water and carbon dioxide to make sugar and give off oxygen.
T: a mammal :: A mammal is a warm-blooded animal with hair or fur that feeds its young on milk, such as a dog, a whale or a human.
T: a reptile :: A reptile is a cold-blooded animal with scaly skin, such as a snake, a lizard, a turtle or a crocodile.
T: a bird :: A bird is a warm-blooded animal with feathers, wings and a beak that lays eggs; most birds can fly.
T: an insect :: An insect is a small animal with six legs and a body in three parts; ants, bees, beetles and butterflies are insects.
T: migration :: Migration is the regular journey animals make between places, such as birds flying south for the winter and back in spring.
T: hibernation :: Hibernation is a long, deep sleep some animals, such as hedgehogs and bears, go into to survive the cold winter with little food.
T: an ecosystem :: An ecosystem is a community of living things together with their surroundings, such as a forest, a pond or a coral reef.
T: a food chain :: A food chain shows who eats whom in nature, for example grass is eaten by a rabbit and the rabbit is eaten by a fox.
T: pollination :: Pollination is the moving of pollen from one flower to another, often by bees and other insects, so that plants can make seeds and fruit.
T: erosion :: Erosion is the slow wearing away of rock and soil by water, wind and ice.
Q: Why are bees important? | What do bees do for plants? | Why do people want to protect bees?
A: Bees are important because they pollinate many flowering plants and crops, so without bees we would have far fewer fruits, vegetables and nuts.
Q: Why do leaves change colour in autumn? | Why do leaves turn red and yellow? | What makes autumn leaves change colour?
A: In autumn trees stop making green chlorophyll, so the yellow and orange colours already in the leaves show through, and some trees also make red colours.
Q: Why do birds migrate? | Where do birds go in winter? | How do migrating birds find their way?
A: Birds migrate to reach places with more food and better weather for the season, and they find their way using the sun, the stars, the Earth's magnetic field and landmarks.
Q: Why is a whale a mammal and not a fish? | Is a whale a fish? | How is a whale different from a fish?
A: A whale is a mammal, not a fish, because it breathes air with lungs, is warm-blooded and feeds its young on milk.
Q: Why are forests important? | What do forests do for the planet? | Why should we protect forests?
A: Forests are important because they make oxygen, store carbon, hold soil in place, keep water clean and are home to most land animals and plants.
Q: How do plants get their food? | Do plants eat? | How does a plant feed itself?
A: Plants make their own food by photosynthesis, using sunlight, water from the soil and carbon dioxide from the air to make sugar.

@topic weather
T: a rainbow :: A rainbow is an arc of colours that appears when sunlight is bent and split by raindrops, with the sun behind you and rain in front of you.
T: humidity :: Humidity is the amount of water vapour in the air; high humidity makes hot weather feel hotter and sticky.
T: a thunderstorm :: A thunderstorm is a storm with lightning and thunder, usually with heavy rain, that forms when warm, moist air rises quickly.
T: a hurricane :: A hurricane is a very strong tropical storm with winds over about 119 kilometres an hour that forms over warm ocean water.
T: climate :: Climate is the usual weather of a place averaged over many years, while weather is what happens on a particular day.
T: a weather forecast :: A weather forecast is a prediction of the coming weather made from measurements and computer models of the atmosphere.
T: frost :: Frost is a thin layer of ice crystals that forms on cold surfaces when the temperature falls below freezing on a clear night.
Q: Why is the sky blue? | What makes the sky look blue? | Why is the sky blue during the day?
A: The sky is blue because air scatters the blue part of sunlight much more than the red part, so blue light reaches our eyes from every direction.
Q: What causes thunder and lightning? | Why does lightning happen? | How is thunder made?
A: Lightning is a huge electric spark between a cloud and the ground or between clouds, and thunder is the sound of the air expanding as the lightning heats it.
Q: Why do we have seasons? | What causes summer and winter? | Why is it colder in winter?
A: We have seasons such as summer and winter because the Earth's axis is tilted: each half of the Earth leans towards the sun for part of the year, and in winter it leans away, so it gets colder.
Q: What is the difference between weather and climate? | How is climate different from weather? | Weather or climate: what is the difference?
A: Weather is what the air is doing today, such as rain or sun, while climate is the typical weather of a place measured over thirty years or more.
Q: What is climate change? | Why is the Earth getting warmer? | What causes global warming?
A: Climate change is the long-term warming of the Earth, caused mainly by burning coal, oil and gas, which adds carbon dioxide that traps heat in the atmosphere.
Q: What should I do in a thunderstorm? | How can I stay safe in a lightning storm? | Is it safe to stand under a tree in a thunderstorm?
A: In a thunderstorm go indoors or into a car, stay away from tall trees, open fields and water, and wait about thirty minutes after the last thunder before going out.

@topic science
T: gravity :: Gravity is the force that pulls objects towards each other; it keeps us on the ground and keeps the Moon in orbit around the Earth.
T: an atom :: An atom is the smallest unit of a chemical element, made of a nucleus of protons and neutrons with electrons around it.
T: a molecule :: A molecule is two or more atoms held together, such as water, which is two hydrogen atoms joined to one oxygen atom.
T: energy :: Energy is the ability to do work, such as moving something, heating it or lighting it; it comes in forms like heat, light, motion and electricity.
T: electricity :: Electricity is the flow of electric charge, usually electrons moving through a wire, which powers lights, machines and computers.
T: a planet :: A planet is a large round body that orbits a star; the Earth is one of eight planets that orbit the Sun.
T: the Moon :: The Moon is the Earth's natural satellite; it orbits the Earth about once a month and its pull causes the ocean tides.
T: a star :: A star is a huge ball of hot gas that makes its own light by nuclear fusion; the Sun is the star closest to the Earth.
T: evaporation :: Evaporation is the change of a liquid into a gas, as when puddles dry up in the sun.
T: a hypothesis :: A hypothesis is a testable guess that explains something, which scientists check with experiments and observations.
T: an experiment :: An experiment is a test done under controlled conditions to find out whether a hypothesis is right.
Q: Why does ice float on water? | Why does ice not sink? | How can solid ice be lighter than water?
A: Ice floats because water expands when it freezes, so ice is less dense than liquid water.
Q: What causes the tides? | Why does the sea go in and out? | How does the Moon cause tides?
A: Tides, the sea going in and out about twice a day, are caused mainly by the Moon's gravity pulling on the oceans, which raises the water on the sides of the Earth facing towards and away from the Moon.
Q: Why does the Moon change shape? | What are the phases of the Moon? | Why do we see a half moon?
A: The Moon does not change shape; as it orbits the Earth we see different amounts of its sunlit half, which gives the phases from new moon to full moon.
Q: How does the scientific method work? | What are the steps of the scientific method? | How do scientists test ideas?
A: In the scientific method you ask a question, form a hypothesis, test it with an experiment or observation, study the results and share them so others can check them.
Q: At what temperature does water boil? | When does water boil? | What is the boiling point of water?
A: At sea level water boils at 100 degrees Celsius, or 212 degrees Fahrenheit; high up a mountain it boils at a lower temperature.
Q: Why do things fall to the ground? | What makes a dropped ball fall? | Why do objects fall down?
A: Things fall to the ground because gravity pulls them towards the Earth; without air resistance, a heavy and a light object fall at the same speed.
Q: How far away is the Sun? | What is the distance from the Earth to the Sun? | How long does sunlight take to reach us?
A: The Sun is about 150 million kilometres from the Earth, and its light takes about eight minutes to reach us.

@topic geography
T: a continent :: A continent is one of the Earth's seven large land masses: Africa, Antarctica, Asia, Australia, Europe, North America and South America.
T: an ocean :: An ocean is one of the great bodies of salt water that cover about seventy percent of the Earth; the Pacific is the largest.
T: a volcano :: A volcano is an opening in the Earth's crust where melted rock, ash and gas come out, often building up a mountain.
T: an earthquake :: An earthquake is a sudden shaking of the ground caused by rocks moving along a fault deep in the Earth.
T: a desert :: A desert is a place that gets very little rain, such as the Sahara; deserts can be hot or cold.
T: a river delta :: A river delta is the flat land at a river's mouth, built up from mud and sand the river drops as it slows down near the sea.
T: a map scale :: A map scale tells how a distance on the map compares with the real distance, for example one centimetre for one kilometre.
Q: What is the largest ocean? | Which ocean is the biggest? | How big is the Pacific Ocean?
A: The Pacific is the largest ocean; it covers about a third of the Earth's surface, more than all the land put together.
Q: What is the longest river in the world? | Which river is the longest? | Is the Nile longer than the Amazon?
A: The Nile and the Amazon are the two longest rivers in the world, each more than 6,000 kilometres long; which one is longer depends on where its source is measured from.
Q: What is the highest mountain in the world? | Which mountain is the tallest? | How high is Mount Everest?
A: Mount Everest, in the Himalayas on the border of Nepal and China, is the highest mountain above sea level at about 8,849 metres.
Q: How many continents are there? | What are the continents called? | Name the seven continents.
A: There are seven continents: Africa, Antarctica, Asia, Australia, Europe, North America and South America.
Q: How do you read a map? | What do the symbols on a map mean? | How do I use a map to find my way?
A: To read a map, find north, check the scale to judge distances, use the key to understand the symbols, and match landmarks on the map with what you see.

@topic money
T: a budget :: A budget is a plan for how you will spend and save your money over a period, such as a month, based on what you earn.
T: interest :: Interest is the money paid for borrowing money, or earned for saving it, usually given as a percentage per year.
T: inflation :: Inflation is the general rise in prices over time, which means the same amount of money buys less than before.
T: a savings account :: A savings account is a bank account for keeping money you do not need right away, which usually pays a little interest.
T: a loan :: A loan is money borrowed that must be paid back later, usually with interest.
T: compound interest :: Compound interest is interest earned on both the original money and the interest already added, so savings grow faster over time.
Q: How do I make a budget? | What is a simple way to start budgeting? | How can I plan my monthly spending?
A: To make a budget, write down your monthly income, list your fixed costs and usual spending, set an amount aside for savings first, and track what you spend against the plan.
Q: Why should I have an emergency fund? | How much money should I keep for emergencies? | What is an emergency fund for?
A: An emergency fund is savings kept for surprises such as a broken boiler or losing a job; a common aim is enough to cover three to six months of essential costs.
Q: Why do prices go up over time? | What causes inflation? | Why does money lose value?
A: Prices go up over time when demand grows faster than supply or when costs such as energy and wages rise; this general rise in prices is called inflation, and it makes money lose value.
Q: How can I save money on groceries? | What are easy ways to spend less on food? | How do I cut my food bill?
A: To save money on groceries, plan meals, shop with a list, buy seasonal produce and store brands, and use up leftovers so less food is thrown away.
Q: How does a credit card work? | What happens if I do not pay my credit card in full? | Is a credit card a loan?
A: A credit card lets you borrow money to pay for things; if you pay the full balance each month you usually pay no interest, but an unpaid balance is charged high interest.

@topic technology
T: a computer program :: A computer program is a list of instructions, written in a programming language, that tells a computer what to do.
T: an algorithm :: An algorithm is a step-by-step method for solving a problem, such as a recipe for sorting a list of names.
T: the internet :: The internet is the worldwide network of connected computers that exchange data using shared rules called protocols.
T: a web browser :: A web browser is a program, such as Firefox or Chrome, that fetches web pages and shows them on your screen.
T: a password manager :: A password manager is a program that stores your passwords safely and can create a strong, different password for every site.
T: a backup :: A backup is an extra copy of your files kept somewhere else, so you can get them back if your device breaks or is lost.
T: encryption :: Encryption scrambles data with a key so that only someone with the right key can read it.
T: two-factor authentication :: Two-factor authentication asks for a second proof of identity, such as a code on your phone, as well as your password.
T: phishing :: Phishing is a trick in which criminals send fake e-mails or messages that look real, to make people give away passwords or money.
T: a spreadsheet :: A spreadsheet is a program that organises numbers and text in rows and columns and can do calculations on them.
T: software :: Software is the programs that run on a computer, while hardware is the physical parts you can touch.
T: artificial intelligence :: Artificial intelligence is the field of building computer systems that do tasks that normally need human intelligence, such as understanding language or recognising images.
T: machine learning :: Machine learning is a way of building programs that learn patterns from examples and data instead of following rules written by hand.
T: a neural network :: A neural network is a machine learning model made of layers of simple connected units whose connection weights are learned from data.
Q: How do I make a strong password? | What makes a password secure? | How should I choose passwords?
A: A strong password is long, such as four or more random words together, and different for every account; a password manager can create and remember them for you.
Q: How can I spot a phishing e-mail? | How do I know if an e-mail is a scam? | What are the signs of a fake message?
A: The signs of a phishing e-mail or fake message are that it creates urgency, asks you to click a link or share a password, and comes from an address that does not match the real company; when in doubt, contact the company directly.
Q: Why should I back up my files? | How often should I make a backup? | What is a good backup routine?
A: A good backup routine makes a backup of your files often, ideally automatically, to a second place such as an external drive or cloud storage, so a broken or stolen device does not lose your work.
Q: Why should I update my software? | Are software updates important? | Why does my phone keep asking me to update?
A: Software updates fix security holes and bugs, so installing them promptly protects your device from attackers who use known weaknesses.
Q: What is the difference between artificial intelligence and machine learning? | Is machine learning the same as artificial intelligence? | How does machine learning relate to artificial intelligence?
A: Artificial intelligence is the broad goal of making computers do intelligent tasks, and machine learning is one way to reach it, by learning patterns from data.
Q: How does a computer store information? | What are bits and bytes? | How does a computer remember data?
A: A computer stores information as bits, ones and zeros; eight bits make a byte, which is enough to store one simple character such as a letter.
Q: What should I do if my computer is slow? | How can I speed up a slow computer? | Why is my laptop so slow?
A: If your computer is slow, close programs you are not using, restart it, install updates, free up disk space and check for programs that start automatically.
Q: How does Wi-Fi work? | What is Wi-Fi? | How does my phone connect to the internet without a cable?
A: Wi-Fi sends data by radio waves between your device and a router, and the router passes the data on to the internet through a cable or fibre connection.

@topic language
T: a noun :: A noun is a word that names a person, place, thing or idea, such as "teacher", "city", "book" or "freedom".
T: a verb :: A verb is a word for an action or a state, such as "run", "think" or "be".
T: an adjective :: An adjective is a word that describes a noun, such as "blue", "tall" or "happy".
T: a synonym :: A synonym is a word with the same or nearly the same meaning as another word, such as "big" and "large".
T: a paragraph :: A paragraph is a group of sentences about one main idea; a new paragraph starts when the writing moves to a new point.
T: a summary :: A summary is a short version of a longer text that keeps only its main points, in your own words.
T: a metaphor :: A metaphor describes one thing as if it were another, such as "time is money", to show a likeness without using "like" or "as".
Q: How can I improve my writing? | What makes writing clear? | How do I write more clearly?
A: To improve your writing and make it clearer, know your main point before you start, use short sentences and plain words, give one idea per paragraph, and read your draft aloud to find awkward parts.
Q: How do I write a good summary? | What should a summary include? | How long should a summary be?
A: A good summary states the main idea first, keeps only the key points, leaves out examples and details, and uses your own words; it is usually much shorter than the original.
Q: How do I learn a new language? | What is the best way to learn a foreign language? | How can I get better at a language quickly?
A: To learn a new language, practise a little every day, learn the most common words first, listen to and read real material, and speak with other people as early as you can.
Q: What is the difference between "their", "there" and "they're"? | When do I use "their" or "there"? | How do I use "they're" correctly?
A: "Their" shows that something belongs to them, "there" points to a place, and "they're" is short for "they are".
Q: How do I write a polite e-mail? | What should a formal e-mail look like? | How do I start and end a work e-mail?
A: A polite e-mail has a clear subject line, a greeting, a short message that says what you need and by when, a thank-you, and your name at the end.

@topic work_study
T: a curriculum vitae :: A curriculum vitae, or CV, is a document that lists your education, work experience and skills when you apply for a job.
T: a deadline :: A deadline is the time by which a task must be finished.
T: procrastination :: Procrastination is putting off a task you know you should do, often by doing easier or more pleasant things instead.
T: a job interview :: A job interview is a meeting in which an employer asks a candidate questions to decide whether they suit the job.
Q: How can I study better for an exam? | What are good study habits? | How do I remember what I study?
A: To study better, spread your study over several days, test yourself instead of only rereading, take short breaks, and sleep well before the exam.
Q: How do I stop procrastinating? | How can I stop putting things off? | What helps against procrastination?
A: To stop procrastinating, break the task into small steps, start with just five minutes, remove distractions such as your phone, and set a clear time to work on it.
Q: How do I prepare for a job interview? | What should I do before an interview? | How can I do well in an interview?
A: To prepare for a job interview, learn about the company, reread the job description, practise answers with examples from your experience, and prepare a few questions to ask.
Q: How do I manage my time better? | What are good ways to organise my day? | How can I get more done?
A: To manage your time and organise your day, write down your tasks, do the most important one first, group small tasks together and set realistic deadlines, so you get more done.
Q: How do I give a good presentation? | How can I be less nervous when speaking in public? | What makes a presentation good?
A: A good presentation has one clear message, a simple structure and few words on each slide; practising aloud several times makes you far less nervous.
Q: How can I work well in a team? | What makes a good team member? | How do I get along with colleagues?
A: To work well in a team and get along with colleagues, listen to others, share information, keep your promises, ask for help early and give credit to the people who helped you.

@topic sport_music
T: a marathon :: A marathon is a running race of 42.195 kilometres, about 26.2 miles.
T: a tempo :: A tempo is the speed of a piece of music, often given in beats per minute.
T: a melody :: A melody is a sequence of musical notes that forms a tune you can sing or hum.
T: a chord :: A chord is three or more musical notes played at the same time.
T: an orchestra :: An orchestra is a large group of musicians who play string, wind, brass and percussion instruments together.
T: a warm-up :: A warm-up is light exercise before a sport or workout that raises your heart rate and loosens your muscles to lower the risk of injury.
Q: How do I start running? | What is a good plan for a beginner runner? | How can I run longer without getting tired?
A: To start running, begin with short runs mixed with walking three times a week, go at a pace where you can still talk, and add a little distance each week, so you can run longer without getting tired.
Q: How do I learn to play an instrument? | What is the best way to practise music? | How often should I practise an instrument?
A: To learn an instrument, practise a little every day, go slowly until a passage is right before speeding up, and learn from a teacher or good lessons.
Q: Why should you stretch after exercise? | Is stretching important? | When should I stretch?
A: Gentle stretching after exercise, when the muscles are warm, helps keep you flexible; before exercise a short, active warm-up is better than long stretches.
Q: How many players are on a football team? | How many players does a soccer team have? | How many people play in a soccer match?
A: A football or soccer team has eleven players on the field, one of whom is the goalkeeper.
Q: How many strings does a guitar have? | How is a guitar tuned? | How many strings are on a standard guitar?
A: A standard guitar has six strings, usually tuned E, A, D, G, B and E from the lowest to the highest.

@topic time_calendar
T: a leap year :: A leap year is a year with 366 days instead of 365, with an extra day on 29 February, to keep the calendar in step with the Earth's orbit.
T: a time zone :: A time zone is a region of the Earth that uses the same clock time; time zones differ because the sun rises at different times around the world.
T: a decade :: A decade is a period of ten years.
T: a century :: A century is a period of one hundred years.
Q: How many days are in a year? | How long is a year? | How many days does a leap year have?
A: A normal year has 365 days and a leap year has 366 days, because the Earth takes about 365 and a quarter days to go around the Sun.
Q: Why do we have leap years? | How often is there a leap year? | Why does February sometimes have 29 days?
A: Leap years add a day to February about every four years, because the Earth's orbit takes about a quarter of a day longer than 365 days.
Q: Why are there different time zones? | Why is it night in one country and day in another? | What causes time zones?
A: There are different time zones because the Earth turns once a day, so the sun is overhead at different times in different places, and clocks are set to match the local daylight.
Q: How many hours of daylight are there in summer? | Why are summer days longer? | Why is it dark earlier in winter?
A: Summer days are longer because your half of the Earth is tilted towards the sun, so the sun rises earlier and sets later; in winter it is tilted away and days are shorter.

@topic travel
T: a passport :: A passport is an official document from your government that proves who you are and lets you travel to other countries.
T: a visa :: A visa is permission from a country to enter it for a stated purpose and time, often stamped or stored in your passport.
T: jet lag :: Jet lag is the tiredness and poor sleep you feel after flying across several time zones, because your body clock is out of step with the local time.
Q: How can I reduce jet lag? | What helps with jet lag? | How do I get over jet lag quickly?
A: To reduce jet lag, move your sleep time towards the new time zone before you travel, get daylight in the morning after you arrive, drink water and avoid long naps.
Q: What should I pack for a short trip? | How do I pack light? | What is a good packing list for a weekend away?
A: For a short trip or a weekend away, pack clothes you can mix and match, one pair of extra shoes at most, basic toiletries in small bottles, your documents, a charger and any medicines you need.
Q: How do I stay safe when travelling alone? | What are safety tips for travelling? | How can I keep my things safe on a trip?
A: When travelling, keep copies of your documents, tell someone your plans, keep valuables out of sight, use official taxis, and trust your instincts if a place feels unsafe.

@topic conversation
Q: Hi there! | Hello, how are you? | Good morning!
A: Hello! I am a small language model built for this course; ask me a question about how language models are trained, or about everyday things.
Q: Who are you? | What are you? | Are you a person?
A: I am a tiny language model trained on an ordinary computer for this course, not a person; I was pre-trained on public-domain books and then instruction-tuned on short questions and answers.
Q: Can you help me? | I need some help. | Could you help me with something?
A: Yes, I can try to help: ask a short, clear question, and I will give a short answer, though a model as small as me often makes mistakes.
Q: Thank you! | Thanks for your help. | Thanks a lot!
A: You are welcome! Feel free to ask another question.
Q: Goodbye! | Bye for now. | See you later!
A: Goodbye! Thanks for the conversation.
Q: Are your answers always right? | Can I trust what you say? | Do you make mistakes?
A: No, my answers are not always right; I am a very small model, so check anything important against a reliable source.
Q: How were you trained? | What data were you trained on? | How were you made?
A: I was pre-trained to predict the next token on public-domain books and dictionary definitions, and then fine-tuned on a few thousand short questions and answers.
Q: Do you have feelings? | Are you conscious? | Do you understand what you say?
A: I do not have feelings or awareness; I am a program that predicts likely next tokens from patterns in my training data.

@topic food
T: baking soda :: Baking soda is sodium bicarbonate, a white powder that makes dough rise by giving off carbon dioxide when it meets an acid such as buttermilk or lemon juice.
T: a vitamin :: A vitamin is a nutrient the body needs in small amounts to work properly, such as vitamin C from fruit or vitamin D made in the skin in sunlight.
T: a calorie :: A calorie is a unit of energy; food labels give the energy in food in kilocalories, often just called calories.
Q: How do I make a simple salad dressing? | What goes into a basic vinaigrette? | How do you make a dressing for salad?
A: A simple salad dressing, or vinaigrette, is about three spoons of oil to one spoon of vinegar or lemon juice, with a pinch of salt and some mustard, shaken together.
Q: How do I keep bananas from going brown? | Why do bananas turn brown? | Should bananas be kept in the fridge?
A: Bananas turn brown as they ripen and when they are cold, so keep them at room temperature away from other fruit, and put them in the fridge only once they are ripe.

@topic health
T: blood pressure :: Blood pressure is the force of the blood pushing on the walls of the arteries; it is given as two numbers, such as 120 over 80.
T: dehydration :: Dehydration happens when the body loses more water than it takes in; thirst, dark urine, headaches and tiredness are common signs.
Q: How can I sleep better? | What helps me fall asleep? | Why can't I sleep at night?
A: To sleep better and fall asleep more easily, go to bed and get up at the same times, keep the bedroom dark and cool, avoid caffeine late in the day, and put screens away an hour before sleep.
Q: How do I treat a small cut? | What should I do with a minor cut? | How do you clean a small wound?
A: To treat a small cut, rinse it with clean water, press gently to stop the bleeding, and cover it with a clean plaster; see a doctor if it is deep or shows signs of infection.

@topic home
T: a circuit breaker :: A circuit breaker is a switch in the fuse box that turns off the power automatically when a circuit is overloaded, and can be reset by hand.
T: mould :: Mould is a fungus that grows on damp surfaces such as bathroom walls; airing rooms and drying wet areas keeps mould away.
Q: How do I remove a coffee stain? | How can I get a stain out of a shirt? | What is the best way to clean a fresh stain?
A: Treat a fresh stain quickly: blot it, do not rub, rinse it from the back with cold water, then wash it with a little detergent; for coffee, soaking in cold water first helps.
Q: How do I look after houseplants? | How often should I water indoor plants? | Why are my houseplant's leaves turning yellow?
A: Most houseplants need bright indirect light and water only when the top of the soil is dry; yellow leaves often mean too much water rather than too little.
Q: How do I iron a shirt? | What is the right way to iron a shirt? | In what order should I iron a shirt?
A: To iron a shirt, start with the collar, then the cuffs and sleeves, then the back and the two front panels, using the heat setting on the shirt's label.

@topic nature
T: a coral reef :: A coral reef is an underwater structure built by tiny animals called corals; reefs are home to about a quarter of all ocean species.
T: a mushroom :: A mushroom is the part of a fungus that grows above ground to spread spores; some mushrooms are good to eat and some are deadly, so never eat wild ones unless an expert has identified them.
Q: How do I grow vegetables from seeds? | What is the easiest way to plant seeds? | When should I plant seeds?
A: To grow vegetables from seeds, sow them in moist soil at the depth on the packet, keep them warm and watered, and plant them out after the last frost.
Q: Why do cats purr? | What does it mean when a cat purrs? | Do cats purr only when they are happy?
A: When a cat purrs it is usually content, but a cat also purrs when stressed or hurt, so purring can be its way of calming itself.

@topic science
T: friction :: Friction is the force that slows things down when two surfaces rub together; it is why a ball rolling on grass stops.
T: a magnet :: A magnet is an object that makes a magnetic field, which pulls on iron and attracts or pushes other magnets.
T: a light year :: A light year is the distance light travels in one year, about 9.5 trillion kilometres; it measures distances between stars.
T: sound :: Sound is a vibration that travels through air, water or solids as a wave; it moves through air at about 343 metres a second.
Q: Why do we see lightning before we hear thunder? | Why does thunder come after the flash? | How can I tell how far away a storm is?
A: Light travels far faster than sound, so we see the lightning first; counting the seconds until the thunder and dividing by three gives the distance in kilometres.
Q: Why does metal feel colder than wood? | Is metal really colder than wood at the same temperature? | Why does a metal spoon feel cold?
A: Metal feels colder than wood at the same temperature because metal carries heat away from your hand much faster.

@topic technology
T: a browser cookie :: A browser cookie is a small file a website stores in your browser to remember things such as your login or your settings.
T: cloud storage :: Cloud storage keeps your files on a company's servers on the internet, so you can reach them from any device and they survive a broken phone or laptop.
T: a router :: A router is the box that connects the devices in a home to each other and to the internet, often by Wi-Fi.
T: an app :: An app, short for application, is a program made for one purpose, such as messaging, maps or banking, especially on a phone.
Q: What should I do if I forget my password? | How do I reset a password? | I forgot my password. What now?
A: If you forget a password, use the site's "forgot password" link to get a reset e-mail, then choose a new strong password and store it in a password manager.
Q: How do I free up space on my phone? | Why is my phone storage full? | What takes up space on a phone?
A: To free up space on your phone, delete apps you do not use, move photos and videos to cloud storage or a computer, and clear large downloads and old messages.

@topic money
T: a tax :: A tax is money people and businesses must pay to the government, which uses it for public services such as schools, roads and hospitals.
T: a mortgage :: A mortgage is a long-term loan used to buy a home, paid back in monthly instalments with interest; the home is security for the loan.
T: a receipt :: A receipt is a written record that you paid for something; keep receipts to return goods or to check your spending.
Q: How can I save for a holiday? | What is a good way to save for something big? | How do I save money for a trip?
A: To save for a holiday or another big cost, set a target and a date, divide it into a monthly amount, and move that amount into a separate savings account on payday.

@topic language
T: a pronoun :: A pronoun is a word used instead of a noun, such as "he", "she", "it", "they" or "we".
T: an adverb :: An adverb is a word that describes a verb, an adjective or another adverb, such as "quickly", "very" or "often".
T: punctuation :: Punctuation is the set of marks, such as full stops, commas and question marks, that divide writing into sentences and make its meaning clear.
Q: When should I use a comma? | How do commas work? | Where do commas go in a sentence?
A: Use a comma to separate items in a list, to mark a pause after an introductory phrase, and before words like "but" or "so" that join two full sentences.

@topic work_study
T: an agenda :: An agenda is the list of topics to be discussed at a meeting, shared in advance so people can prepare.
Q: How do I take good notes? | What is the best way to take notes in a lecture? | How should I write notes?
A: Good notes use your own words, keep to key ideas and examples, leave space to add things later, and are reviewed within a day so you remember them.
Q: How do I run a good meeting? | How can meetings be shorter? | What makes a meeting useful?
A: A useful meeting has a clear goal and agenda, only the people who are needed, a fixed end time, and a short written summary of decisions and next steps.
"""

# Countries and capitals for a templated block ("What is the capital of X?").
CAPITALS = [
    ("France", "Paris"), ("Germany", "Berlin"), ("Italy", "Rome"), ("Spain", "Madrid"),
    ("Portugal", "Lisbon"), ("Japan", "Tokyo"), ("China", "Beijing"), ("India", "New Delhi"),
    ("Canada", "Ottawa"), ("Australia", "Canberra"), ("Brazil", "Brasilia"),
    ("Argentina", "Buenos Aires"), ("Mexico", "Mexico City"), ("Egypt", "Cairo"),
    ("Kenya", "Nairobi"), ("Nigeria", "Abuja"),
    ("Russia", "Moscow"), ("Norway", "Oslo"), ("Sweden", "Stockholm"), ("Finland", "Helsinki"),
    ("Denmark", "Copenhagen"), ("Poland", "Warsaw"), ("Greece", "Athens"), ("Turkey", "Ankara"),
    ("Ireland", "Dublin"), ("the Netherlands", "Amsterdam"), ("Belgium", "Brussels"),
    ("Austria", "Vienna"), ("Switzerland", "Bern"), ("South Korea", "Seoul"),
    ("Thailand", "Bangkok"), ("Vietnam", "Hanoi"), ("Indonesia", "Jakarta"),
    ("New Zealand", "Wellington"), ("Peru", "Lima"), ("Chile", "Santiago"),
    ("Colombia", "Bogota"), ("Morocco", "Rabat"), ("Ghana", "Accra"),
    ("the United Kingdom", "London"), ("the United States", "Washington, D.C."),
]
