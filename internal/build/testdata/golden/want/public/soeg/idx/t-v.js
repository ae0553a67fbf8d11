window.labyrintSearch.load("t-v",{"velkom":"Avc men","vis":"F6A er","voksn":"CqPAlU e","værdi":"ArLD0W er erne"});
