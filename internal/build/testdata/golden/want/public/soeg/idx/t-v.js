window.labyrintSearch.load("t-v",{"velkom":"AwJ men","vis":"F6A er","voksn":"CqOAmR e","vor":"EzN es","værdi":"ArJD0C er erne"});
