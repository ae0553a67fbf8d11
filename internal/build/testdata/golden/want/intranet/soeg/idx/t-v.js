window.labyrintSearch.load("t-v",{"velkom":"Avb men","vis":"F6A er","voksn":"CqVAmR e","vor":"EzD es","værdi":"ArSD1E er erne"});
